package dev.rshell.client.connect;

/**
 * The client could not connect, log in or follow the protocol. The message is one line for
 * the user (no class names, never the password); the client's status is 255.
 */
public final class SessionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one line, shown after "rshell: " */
    public SessionFailure(String message) {
        // No stack trace: this is an expected outcome reported as a message, not a bug.
        super(message, null, false, false);
    }
}
