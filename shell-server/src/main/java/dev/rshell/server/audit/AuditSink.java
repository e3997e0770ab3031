package dev.rshell.server.audit;

import java.util.List;

/**
 * Where audit events go. The session calls {@link #record} before it acknowledges the event
 * to the client, so an implementation that writes a file must have handed the line to the OS
 * when {@code record} returns; it may batch lines recorded by several threads into one write
 * (group commit), which is why this is a hook and not a direct file write.
 *
 * <p>Thread safety: implementations are called from every session thread at once.
 */
@FunctionalInterface
public interface AuditSink {

    /** A sink that records nothing. */
    AuditSink NONE = event -> { };

    /** Records one event. */
    void record(AuditEvent event);

    /**
     * Records several events in order, returning once all of them are recorded. A file sink
     * writes them together, which is how a session pays one write for a pipelined burst of
     * commands rather than one per command.
     */
    default void recordAll(List<? extends AuditEvent> events) {
        for (AuditEvent event : events) {
            record(event);
        }
    }
}
