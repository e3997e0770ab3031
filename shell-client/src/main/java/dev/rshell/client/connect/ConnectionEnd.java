package dev.rshell.client.connect;

/** Why a connection's reader thread stopped; handed once to {@link ServerListener#onClosed}. */
public sealed interface ConnectionEnd {

    /** The server closed the connection (end of stream). */
    record EndOfStream() implements ConnectionEnd {
    }

    /** Reading failed (reset, timeout, ...); {@code reason} is the one-line I/O message. */
    record Lost(String reason) implements ConnectionEnd {
    }

    /** The server broke the protocol; the client closed the socket. */
    record Violation(String reason) implements ConnectionEnd {
    }

    /** This client closed the connection itself ({@link Connection#close()}). */
    record ClosedHere() implements ConnectionEnd {
    }
}
