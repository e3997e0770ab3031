package dev.rshell.server.session;

import dev.rshell.server.audit.AuditEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * The audit side of running commands: each ended command's record, and each denial, go to the
 * session's {@link PendingAudit}, which writes them before the command's {@code end} leaves
 * (an acknowledged command is always in the log); the server's counters follow.
 *
 * <p>Thread safety: thread-safe (the pending audit and the counters are); the runner and job
 * threads share one.
 */
final class CommandAudit {

    private final PendingAudit pending;
    private final ServerCounters counters;
    private final long sessionId;
    private final Supplier<String> user;
    private final String address;

    CommandAudit(PendingAudit pending, ServerCounters counters, long sessionId, Supplier<String> user,
                 String address) {
        this.pending = pending;
        this.counters = counters;
        this.sessionId = sessionId;
        this.user = user;
        this.address = address;
    }

    /** Records command {@code running}, run as {@code words} in {@code cwd}, ended with {@code status}. */
    void ran(RunningCommand running, List<String> words, String cwd, int status, long bytesOut) {
        counters.commandsRun.increment();
        if (status != 0) {
            counters.commandsFailed.increment();
        }
        Instant now = Instant.now();
        long micros = Duration.between(running.startedAt(), now).toNanos() / 1000;
        pending.add(new AuditEvent.CommandRun(now, sessionId, user.get(), address, cwd, words,
                running.startedAt(), micros, status, bytesOut));
    }

    /** Records that the role's policy refused {@code words}. */
    void denied(List<String> words, String reason) {
        pending.add(new AuditEvent.Denied(Instant.now(), sessionId, user.get(), address, words, reason));
    }
}
