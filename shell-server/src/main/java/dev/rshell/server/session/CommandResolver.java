package dev.rshell.server.session;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.Resolution;
import dev.rshell.server.exec.OsCommandRunner;
import dev.rshell.server.exec.ProcessTracker;
import dev.rshell.server.exec.ProgramCommand;
import dev.rshell.server.exec.ProgramResolver;
import dev.rshell.server.policy.AccessPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a session's command words run: the one place where "not found" and "not
 * permitted" are decided, in this order: a built-in (if the role may run it), else, with
 * {@code exec} on, an OS program the role's policy allows, found on the session's {@code PATH}
 * (or on {@code exec-path} for a listed name) and executable.
 *
 * <p>Thread safety: immutable; lookups read the session state's atomic accessors, so the
 * runner and job threads may share one.
 */
final class CommandResolver {

    private final CommandRegistry builtins;
    private final boolean execEnabled;
    private final AccessPolicy policy;
    private final SessionState state;
    private final OsCommandRunner osCommands;
    private final ProcessTracker processes;

    CommandResolver(CommandRegistry builtins, boolean execEnabled, AccessPolicy policy, SessionState state,
                    OsCommandRunner osCommands, ProcessTracker processes) {
        this.builtins = builtins;
        this.execEnabled = execEnabled;
        this.policy = policy;
        this.state = state;
        this.osCommands = osCommands;
        this.processes = processes;
    }

    /** The built-in named {@code word}, whether or not the role may run it. */
    Optional<Command> builtin(String word) {
        return builtins.find(word);
    }

    /** What {@code words} (a command word and its arguments) run. */
    Resolution resolve(List<String> words) {
        String word = words.get(0);
        Optional<Command> builtin = builtins.find(word);
        if (builtin.isPresent()) {
            Command command = builtin.get();
            if (!policy.mayRunBuiltin(command.name())) {
                String reason = "role " + policy.roleName() + " may not run the built-in " + command.name();
                return new Resolution.Denied(deniedLine(word, reason), reason);
            }
            return new Resolution.Builtin(command, words.subList(1, words.size()));
        }
        return resolveProgram(words);
    }

    /**
     * What {@code argv} runs as an OS program, never a built-in: a command line whose word is
     * no built-in, and {@code command NAME ARGS}.
     */
    Resolution resolveProgram(List<String> argv) {
        String word = argv.get(0);
        if (!execEnabled) {
            return new Resolution.Denied("rshell: " + word
                    + ": OS commands are not allowed on this server (exec is off)", null);
        }
        Path cwd = state.workingDirectory();
        AccessPolicy.ExecDecision decision = policy.checkExec(argv, cwd);
        if (decision instanceof AccessPolicy.ExecDecision.Denied denied) {
            return new Resolution.Denied(deniedLine(word, denied.reason()), denied.reason());
        }
        if (!(decision instanceof AccessPolicy.ExecDecision.Allowed allowed)) {
            return new Resolution.NotFound(word);
        }
        List<String> resolvedArgv = allowed.argv();
        ProgramResolver.Result lookup = ProgramResolver.lookup(resolvedArgv.get(0), state.variable("PATH"), cwd);
        if (lookup instanceof ProgramResolver.NotExecutable notExecutable) {
            String why = Files.isDirectory(notExecutable.path()) ? "Is a directory" : "Permission denied";
            return new Resolution.Denied("rshell: " + word + ": " + why, null);
        }
        if (!(lookup instanceof ProgramResolver.Found found)) {
            return new Resolution.NotFound(word);
        }
        return new Resolution.Program(new ProgramCommand(osCommands, found.path(), word, processes),
                resolvedArgv.subList(1, resolvedArgv.size()));
    }

    private static String deniedLine(String word, String reason) {
        return "rshell: " + word + ": permission denied: " + reason;
    }
}
