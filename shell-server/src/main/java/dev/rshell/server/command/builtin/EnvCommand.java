package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code env}: prints the session's variables as {@code NAME=VALUE} lines, sorted by name. */
final class EnvCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    EnvCommand() {
        super("env", "env", "print the session's variables");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        print(context);
        return 0;
    }

    /** Prints the variables; shared with {@code export} without arguments. */
    static void print(CommandContext context) throws InterruptedException {
        // Sorted here too: the contract says sorted, but a TreeMap copy costs little.
        for (Map.Entry<String, String> e : new TreeMap<>(context.variables()).entrySet()) {
            // A value inherited from the server's environment may hold LFs; keep lines whole.
            for (String line : (e.getKey() + "=" + e.getValue()).split("\n", -1)) {
                context.output().out(line);
            }
        }
    }
}
