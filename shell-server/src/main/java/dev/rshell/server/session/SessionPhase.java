package dev.rshell.server.session;

/**
 * Where a session is in its life. It only moves forward:
 * <pre>
 *   AUTH ──login──► READY ──┐
 *     └─────────────────────┴──close──► CLOSING ──teardown done──► CLOSED
 * </pre>
 * <ul>
 *   <li>{@link #AUTH}: connected (TLS, {@code hello}), not logged in; the startup thread owns
 *       the socket's input, {@code login-grace} runs, the connection holds a startup place.</li>
 *   <li>{@link #READY}: logged in; a reader thread owns the input and commands run.</li>
 *   <li>{@link #CLOSING}: {@link Session#close} has begun, once, on whichever thread ended the
 *       session; nothing new starts and what runs is being ended.</li>
 *   <li>{@link #CLOSED}: the socket is closed and the session is out of the registry.</li>
 * </ul>
 */
enum SessionPhase {
    AUTH, READY, CLOSING, CLOSED;

    /** True once the session has begun to close. */
    boolean closing() {
        return this == CLOSING || this == CLOSED;
    }
}
