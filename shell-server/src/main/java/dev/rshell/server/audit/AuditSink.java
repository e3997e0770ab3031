package dev.rshell.server.audit;

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
}
