package dev.rshell.client.connect;

/**
 * A server line that breaks protocol.md (a known kind with broken fields, an {@code end} for a
 * command that is not running, a line beyond the client's limit). Thrown on the reader thread;
 * the {@link Connection} then closes the socket and reports {@link ConnectionEnd.Violation}.
 */
public final class ProtocolViolation extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming what the server did wrong */
    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }
}
