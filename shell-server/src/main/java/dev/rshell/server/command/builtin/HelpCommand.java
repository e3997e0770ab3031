package dev.rshell.server.command.builtin;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.Programs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code help [NAME]}: lists what this session may run, or shows how to use one command.
 *
 * <p>The list is the built-ins the role may run, one a line with its description, then an
 * {@code OS programs} section from the role's program policy: each program on the role's list
 * with the file it would run (found on the server's {@code exec-path}) or {@code not found};
 * or one line saying any program on the session's {@code PATH} may run; or why none may (the
 * role, or {@code exec} off on the server).
 *
 * <p>{@code help NAME} shows a built-in's usage and description (and, for one that shadows an
 * OS program, how to run that program instead); for any other NAME, whether it is an OS
 * program this session may run and which file that is. NAME is never an option, so
 * {@code help -x} says there is no such command.
 */
final class HelpCommand extends BuiltinCommand {

    /** Said after the list: what a program can't expect, and how to get the prompt back. */
    static final String NO_TERMINAL_NOTE = "Programs run without a terminal (TERM=dumb): full-screen"
            + " ones such as top, vim or less can't work; Ctrl-C (:interrupt) always ends a command.";

    HelpCommand() {
        super("help", "help [NAME]", "list the commands and OS programs you may run, or show how to use one");
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
            listAll(context);
            context.output().out(NO_TERMINAL_NOTE);
            return 0;
        }
        String wanted = args.get(0);
        Optional<Command> command = context.commands().find(wanted);
        if (command.isPresent()) {
            context.output().out("usage: " + command.get().synopsis());
            context.output().out(command.get().description());
            if (command.get() instanceof BuiltinCommand builtin && builtin.shadowsProgram()
                    && context.programs().lookup(wanted) instanceof Programs.Lookup.Runs runs
                    && context.commands().find(CommandCommand.NAME).isPresent()) {
                context.output().out("the OS program " + wanted + " (" + printable(runs.path().toString())
                        + ") runs with: command " + wanted + " ARGS...");
            }
            return 0;
        }
        Programs.Lookup lookup = context.programs().lookup(wanted);
        String role = printable(context.role());
        if (lookup instanceof Programs.Lookup.Runs runs) {
            context.output().out(printable(wanted) + ": an OS program role " + role + " may run: "
                    + printable(runs.path().toString()));
            return 0;
        }
        if (lookup instanceof Programs.Lookup.NotFound) {
            context.output().err("help: " + printable(wanted) + ": an OS program role " + role
                    + " may run, but it is not installed where it is looked for ("
                    + (context.programs().access() == Programs.Access.ANY ? "the session's PATH" : "the server's exec-path")
                    + ")");
            return FAILURE;
        }
        context.output().err("help: no such command: " + printable(wanted) + " ("
                + printable(((Programs.Lookup.Refused) lookup).reason()) + ")");
        return FAILURE;
    }

    private static void listAll(CommandContext context) throws InterruptedException {
        List<Command> commands = new ArrayList<>(context.commands().all());
        commands.sort(Comparator.comparing(Command::name));
        int width = commands.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Command command : commands) {
            context.output().out(pad(command.name(), width) + "  " + command.description());
        }
        context.output().out("");
        Programs programs = context.programs();
        String role = printable(context.role());
        switch (programs.access()) {
            case EXEC_OFF -> context.output().out("OS programs: none (exec is off on this server)");
            case NONE -> context.output().out("OS programs: none (role " + role + " may not run OS commands)");
            case ANY -> context.output().out("OS programs: any program on the session's PATH (role " + role
                    + "); help NAME shows which file runs");
            case LISTED -> {
                context.output().out("OS programs role " + role + " may run:");
                int programWidth = programs.listed().stream().mapToInt(String::length).max().orElse(0);
                for (String name : programs.listed()) {
                    String where = programs.lookup(name) instanceof Programs.Lookup.Runs runs
                            ? runs.path().toString() : "not found";
                    context.output().out(printable(pad(name, programWidth) + "  " + where));
                }
            }
            default -> throw new IllegalStateException(programs.access().toString());
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
