package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code echo [WORDS...]}: prints the words separated by single spaces. It takes no options at
 * all, so {@code echo -n x} prints {@code -n x}: every output line ends anyway, and a word
 * that looks like an option must still print as typed.
 */
final class EchoCommand extends BuiltinCommand {

    EchoCommand() {
        super("echo", "echo [WORDS...]", "print the words, separated by spaces");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args) throws InterruptedException {
        // A word can't hold an LF (lines end there), but one from $VAR might; keep lines whole.
        for (String line : String.join(" ", args).split("\n", -1)) {
            context.output().out(line);
        }
        return 0;
    }
}
