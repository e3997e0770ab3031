package dev.rshell.server.command.builtin;

import dev.rshell.common.command.WordQuoter;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.Programs;
import java.util.ArrayList;
import java.util.List;

/**
 * The one line a built-in that shadows an OS program answers to an option it lacks, e.g.
 * <pre>
 * ls: invalid option -- 'Z'; the built-in ls has -l -a -h ...; for the OS program run: command ls -Z /srv
 * </pre>
 * The way out depends on what this session may run: {@code command NAME ARGS} where the role
 * may run both that built-in and the program, the program's path where only the program, and
 * otherwise why the program can't be run (role, {@code exec} off, not found).
 *
 * <p>Thread safety: stateless.
 */
final class ProgramHint {

    private ProgramHint() {
    }

    static String line(CommandContext context, String name, BuiltinCommand.UnsupportedOption problem,
            List<String> args) {
        String supported = problem.supported();
        StringBuilder line = new StringBuilder(name).append(": ").append(problem.getMessage())
                .append("; the built-in ").append(name)
                .append(supported.isEmpty() ? " takes no options" : " has " + supported);
        Programs.Lookup lookup = context.programs().lookup(name);
        if (lookup instanceof Programs.Lookup.Runs runs) {
            boolean viaCommand = context.commands().find(CommandCommand.NAME).isPresent();
            List<String> words = new ArrayList<>();
            if (viaCommand) {
                words.add(CommandCommand.NAME);
                words.add(name);
            } else {
                words.add(runs.path().toString());
            }
            words.addAll(args);
            line.append("; for the OS program run: ").append(quoted(words));
        } else if (lookup instanceof Programs.Lookup.Refused refused) {
            line.append("; the OS program ").append(name).append(" is not available: ")
                    .append(refused.reason());
        } else {
            line.append("; no OS program ").append(name).append(" was found");
        }
        return BuiltinCommand.printable(line.toString());
    }

    private static String quoted(List<String> words) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String word : words) {
            quoted.add(WordQuoter.quote(word));
        }
        return String.join(" ", quoted);
    }
}
