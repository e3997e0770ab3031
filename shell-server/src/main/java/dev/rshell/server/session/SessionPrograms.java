package dev.rshell.server.session;

import dev.rshell.server.command.Programs;
import dev.rshell.server.exec.ProgramResolver;
import dev.rshell.server.policy.AccessPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The session's {@link Programs}: the server's {@code exec} setting, then the role's
 * {@link AccessPolicy#checkExec} (which finds a listed name on {@code exec-path}), then, for a
 * role that may run anything, the session's {@code PATH}: the same decisions, in the same order,
 * as running the word would take.
 *
 * <p>Thread safety: immutable; lookups read the session state's atomic accessors.
 */
final class SessionPrograms implements Programs {

    private final boolean execEnabled;
    private final AccessPolicy policy;
    private final SessionState state;

    SessionPrograms(boolean execEnabled, AccessPolicy policy, SessionState state) {
        this.execEnabled = execEnabled;
        this.policy = policy;
        this.state = state;
    }

    @Override
    public Access access() {
        if (!execEnabled) {
            return Access.EXEC_OFF;
        }
        if (policy.anyProgram()) {
            return Access.ANY;
        }
        return policy.allowedProgramNames().isEmpty() ? Access.NONE : Access.LISTED;
    }

    @Override
    public SortedSet<String> listed() {
        return access() == Access.LISTED ? new TreeSet<>(policy.allowedProgramNames()) : new TreeSet<>();
    }

    @Override
    public Lookup lookup(String word) {
        if (!execEnabled) {
            return new Lookup.Refused("OS commands are not allowed on this server (exec is off)");
        }
        Path cwd = state.workingDirectory();
        AccessPolicy.ExecDecision decision = policy.checkExec(List.of(word), cwd);
        if (decision instanceof AccessPolicy.ExecDecision.Denied denied) {
            return new Lookup.Refused(denied.reason());
        }
        if (!(decision instanceof AccessPolicy.ExecDecision.Allowed allowed)) {
            return new Lookup.NotFound();
        }
        // A listed name comes back as its path on exec-path; any other word is looked up as
        // running it would look it up.
        ProgramResolver.Result found = ProgramResolver.lookup(allowed.argv().get(0), state.variable("PATH"), cwd);
        return found instanceof ProgramResolver.Found f ? new Lookup.Runs(f.path()) : new Lookup.NotFound();
    }
}
