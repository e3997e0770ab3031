package dev.rshell.server.session;

import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.audit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A session's audit events whose acknowledgement is still in its {@link Outbox}: the record
 * of a command that ended, written to the audit log just before the outbox hands its
 * {@code end} line to the socket.
 *
 * <p>Why not record each event at once: an acknowledged command must be in the audit log
 * even if the server dies next, but "acknowledged" means the client can see the {@code end},
 * and it can't before the outbox writes it. Deferring the record to that moment keeps the
 * guarantee while a pipelined burst of commands, whose output leaves in one socket write,
 * also costs one audit write instead of one per command.
 *
 * <p>The outbox calls {@link #commit()} before every socket write; the session calls it once
 * more in its teardown, after which {@link #add} records directly, so an event is never left
 * behind however the session ends. At most {@value #MAX_EVENTS} events wait: the one that
 * fills the batch commits it.
 *
 * <p>Thread safety: thread-safe. Commits are serialized, so when {@link #commit()} returns,
 * every event added before it was called is written, including a batch another thread was
 * still writing: the flusher can't overtake a slower committer.
 */
final class PendingAudit {

    /** Events held before the adder writes them itself. */
    static final int MAX_EVENTS = 256;

    private final AuditSink sink;
    private final ReentrantLock commitLock = new ReentrantLock();
    // Guarded by this:
    private ArrayList<AuditEvent> events = new ArrayList<>();
    private boolean closed;

    PendingAudit(AuditSink sink) {
        this.sink = sink;
    }

    /** Holds an event until the next commit; records it at once after {@link #closeAndCommit()}. */
    void add(AuditEvent event) {
        boolean commitNow;
        synchronized (this) {
            events.add(event);
            commitNow = closed || events.size() >= MAX_EVENTS;
        }
        if (commitNow) {
            commit();
        }
    }

    /** Writes every event added so far; returns once they are in the audit log. */
    void commit() {
        // Uninterruptible, as the audit log's own waits: an interrupt meant for a command
        // must not leave its acknowledgement unrecorded.
        commitLock.lock();
        try {
            List<AuditEvent> batch;
            synchronized (this) {
                if (events.isEmpty()) {
                    return;
                }
                batch = events;
                events = new ArrayList<>();
            }
            sink.recordAll(batch);
        } finally {
            commitLock.unlock();
        }
    }

    /** Commits, and makes later events go straight to the audit log (the session is ending). */
    void closeAndCommit() {
        synchronized (this) {
            closed = true;
        }
        commit();
    }
}
