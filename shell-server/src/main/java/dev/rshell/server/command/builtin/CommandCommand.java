package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.Programs;
import java.util.List;

/**
 * {@code command NAME [ARGS...]}: runs the OS program NAME even where a built-in has that name
 * ({@code command ls --color=never}), with the same {@code exec} setting, role check, lookup and
 * statuses as any other OS command line; {@code command -v NAME} prints the program's path
 * instead (status 1 when it would not run). Options come before NAME only: everything after
 * it belongs to the program.
 */
final class CommandCommand extends BuiltinCommand {

    /** The command word. */
    static final String NAME = "command";

    CommandCommand() {
        super(NAME, "command [-v] NAME [ARGS...]",
                "run the OS program NAME, not the built-in of that name (-v: show its path)");
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        int first = 0;
        boolean show = false;
        while (first < args.size() && args.get(first).startsWith("-") && args.get(first).length() > 1) {
            String option = args.get(first++);
            if (option.equals("--")) {
                break;
            }
            if (!option.equals("-v")) {
                throw usage("invalid option -- '" + printable(option.substring(1)) + "'");
            }
            show = true;
        }
        if (first >= args.size()) {
            throw usage("missing NAME");
        }
        List<String> argv = args.subList(first, args.size());
        if (!show) {
            return context.runProgram(argv);
        }
        if (argv.size() > 1) {
            throw usage("-v takes one NAME");
        }
        Programs.Lookup lookup = context.programs().lookup(argv.get(0));
        if (lookup instanceof Programs.Lookup.Runs runs) {
            context.output().out(printable(runs.path().toString()));
            return 0;
        }
        if (lookup instanceof Programs.Lookup.Refused refused) {
            return error(context, argv.get(0), refused.reason());
        }
        return error(context, argv.get(0), "not found");
    }
}
