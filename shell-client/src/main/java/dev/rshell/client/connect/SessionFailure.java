package dev.rshell.client.connect;

import java.util.Objects;

/**
 * The client could not connect, log in or follow the protocol. The message is one line for
 * the user (no class names, never the password); the client's status is 255.
 *
 * <p>The {@link Kind} says which step failed, for callers that count failures by kind (a run
 * over many hosts reports unreachable, untrusted, refused and broken hosts apart); the single
 * host client only shows the message.
 */
public final class SessionFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** Which step failed. */
    public enum Kind {
        /** Reaching the server: TCP, the TLS handshake, {@code hello}, a lost connection, a busy server. */
        CONNECT,
        /** Verifying the server: its certificate is unknown, changed, or not vouched for. */
        TRUST,
        /** Logging in: refused, no password to be had, a certificate for another user. */
        LOGIN,
        /** The server broke the protocol, or speaks another transport or version. */
        PROTOCOL
    }

    private final Kind kind;

    /** @param message one line, shown after "rshell: "; the kind is {@link Kind#CONNECT} */
    public SessionFailure(String message) {
        this(Kind.CONNECT, message);
    }

    /** @param message one line, shown after "rshell: " */
    public SessionFailure(Kind kind, String message) {
        // No stack trace: this is an expected outcome reported as a message, not a bug.
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Which step failed. */
    public Kind kind() {
        return kind;
    }
}
