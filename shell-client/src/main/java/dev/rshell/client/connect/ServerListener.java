package dev.rshell.client.connect;

import dev.rshell.common.protocol.ServerLine;

/**
 * Receives the server's lines from a {@link Connection}'s reader thread, in order. Kinds this
 * version does not know never reach it (the connection drops them, as protocol.md asks).
 *
 * <p>Thread safety: every method is called on the reader thread only, one call at a time; an
 * implementation shares state with the main thread and must guard it.
 */
public interface ServerListener {

    /**
     * One server line.
     *
     * @throws ProtocolViolation when the line breaks the protocol; the connection then closes
     */
    void onLine(ServerLine line) throws ProtocolViolation;

    /**
     * The reader has no more buffered input and is about to block on the socket: the moment to
     * flush printed output, so buffering costs nothing in latency.
     */
    default void onIdle() {
    }

    /** The reader stopped; called exactly once, as its last act. */
    void onClosed(ConnectionEnd end);
}
