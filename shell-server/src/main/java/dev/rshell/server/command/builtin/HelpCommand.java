package dev.rshell.server.command.builtin;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code help [CMD]}: lists the commands this session may run, or shows one command's usage.
 * The argument is a command name, never an option, so {@code help -x} says there is no such
 * command.
 */
final class HelpCommand extends BuiltinCommand {

    /** Said after the list: what a program can't expect, and how to get the prompt back. */
    static final String NO_TERMINAL_NOTE = "Programs run without a terminal (TERM=dumb): full-screen"
            + " ones such as top, vim or less can't work; Ctrl-C (:interrupt) always ends a command.";

    HelpCommand() {
        super("help", "help [CMD]", "list the commands, or show how to use one");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.size() > 1) {
            throw usage("too many arguments");
        }
        if (args.isEmpty()) {
            List<Command> commands = new ArrayList<>(context.commands().all());
            commands.sort(Comparator.comparing(Command::name));
            int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
            for (Command command : commands) {
                String padded = String.format("%-" + width + "s", command.name());
                context.output().out(padded + "  " + command.description());
            }
            context.output().out(NO_TERMINAL_NOTE);
            return 0;
        }
        String wanted = args.get(0);
        Optional<Command> command = context.commands().find(wanted);
        if (command.isEmpty()) {
            context.output().err("help: no such command: " + printable(wanted));
            return FAILURE;
        }
        context.output().out("usage: " + command.get().synopsis());
        context.output().out(command.get().description());
        return 0;
    }
}
