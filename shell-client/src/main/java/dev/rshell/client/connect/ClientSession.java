package dev.rshell.client.connect;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.Feature;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

/**
 * A logged-in session: connects, waits for {@code hello}, logs in, then passes the server's
 * lines on to the mode's listener (batch printing now, the interactive shell later).
 *
 * <p>Certificate login: a {@code hello} with {@code user=USER} means the client certificate
 * ({@code --identity}) already logged the session in. The session then sends no {@code :login}
 * and never asks for a password (the {@link PasswordSource} is not called). When the user was
 * named explicitly ({@link SessionSpec#userGiven()}) and differs from USER, the session fails
 * ("the certificate logs in as USER, not NAME"): running commands as someone other than the one
 * asked for would surprise. A defaulted user (the local login name) simply becomes USER.
 *
 * <p>Mismatched transports: when a plain connection ({@code --no-tls}) fails before
 * {@code hello} and the server's first bytes were a TLS record, the failure says
 * "HOST:PORT speaks TLS: drop --no-tls" instead of the symptom.
 *
 * <p>The session is the {@link ServerListener} of its {@link Connection} from the first byte,
 * so there is no hand-over between a "handshake reader" and a "command reader" during which a
 * line could be lost: while the handshake runs, {@link #onLine} records {@code hello} and the
 * login answer itself and wakes the main thread; from the {@code ok} on, every line goes to the
 * delegate. {@code msg} lines go to the delegate in every phase.
 *
 * <p>Features (protocol 1.1): after login a mode may ask for features once
 * ({@link #requestFeatures}); the answer is taken here like the login's, and never reaches the
 * delegate.
 *
 * <p>Waits: the TCP connect, the wait for {@code hello}, and the wait for the answer to
 * {@code :login} are each bounded by {@link SessionSpec#timeout()}; each also ends at once
 * when the connection ends. The time spent at a password prompt is not counted.
 *
 * <p>Thread safety: the handshake state is guarded by this object's monitor; the reader thread
 * writes it in {@link #onLine} and {@link #onClosed}, the main thread waits on it in
 * {@link #open}. The delegate is called outside the monitor. {@link #send}, {@link #flush} and
 * {@link #quit} are for the main thread.
 */
public final class ClientSession implements ServerListener, AutoCloseable {

    private enum Phase { AWAIT_HELLO, AWAIT_LOGIN, LOGIN_REFUSED, READY, AWAIT_FEATURES, FAILED }

    private final ServerListener delegate;
    private final String authority;
    private volatile Connection connection;

    // Guarded by this.
    private Phase phase = Phase.AWAIT_HELLO;
    private ServerLine.Hello hello;
    private String failure;
    private SessionFailure.Kind failureKind = SessionFailure.Kind.CONNECT;
    /** The text of the last {@code no} to a {@code :login}. */
    private String refusal;
    /** "login failed for USER", the start of a login failure's message. */
    private String loginFailure = "login failed";
    private ConnectionEnd end;
    /** What the server granted to {@link #requestFeatures}; null until it answered. */
    private Set<Feature> granted;

    private ClientSession(ServerListener delegate, String authority) {
        this.delegate = delegate;
        this.authority = authority;
    }

    /**
     * Connects and logs in.
     *
     * @param delegate receives every server line after login (and {@code msg} lines before)
     * @throws SessionFailure with a one-line reason; nothing is left open
     */
    public static ClientSession open(SessionSpec spec, ServerListener delegate) throws SessionFailure {
        return open(spec, delegate, Connection.PLATFORM_READERS);
    }

    /**
     * As {@link #open(SessionSpec, ServerListener)}, with the connection's reader thread made by
     * {@code readers} (see {@link Connection#open(Socket, ServerListener, ThreadFactory)}).
     */
    public static ClientSession open(SessionSpec spec, ServerListener delegate, ThreadFactory readers)
            throws SessionFailure {
        ClientSession session = new ClientSession(delegate, spec.authority());
        Socket socket;
        try {
            // A SessionFailure from the transport (not trusted, plain server) passes through.
            socket = spec.transport().connect(spec.host(), spec.port(), spec.timeout(), spec.times());
        } catch (SocketTimeoutException e) {
            throw new SessionFailure("can't connect to " + spec.authority() + ": no answer within "
                    + spec.timeoutText() + " (--connect-timeout)");
        } catch (UnknownHostException e) {
            throw new SessionFailure("can't connect to " + spec.authority() + ": unknown host");
        } catch (IOException e) {
            throw new SessionFailure("can't connect to " + spec.authority() + ": " + Connection.describe(e));
        }
        try {
            session.connection = Connection.open(socket, session, readers);
            session.handshake(spec);
            spec.times().mark(StartupTimes.Phase.LOGIN);
            return session;
        } catch (IOException e) {
            session.close();
            throw session.tlsMismatch(socket).orElse(session.endedFailure("during login", Connection.describe(e)));
        } catch (SessionFailure e) {
            session.close();
            throw session.tlsMismatch(socket).orElse(e);
        }
    }

    /** "speaks TLS" when a plain socket got a TLS record before any hello. */
    private java.util.Optional<SessionFailure> tlsMismatch(Socket socket) {
        boolean beforeHello;
        synchronized (this) {
            beforeHello = hello == null;
        }
        if (beforeHello && socket instanceof FirstBytesSocket plain && plain.receivedTlsRecord()) {
            return java.util.Optional.of(new SessionFailure(SessionFailure.Kind.PROTOCOL,
                    authority + " speaks TLS: drop --no-tls"));
        }
        return java.util.Optional.empty();
    }

    /** Buffers a line; see {@link Connection#send}. */
    public void send(ClientLine.Sendable line) throws IOException {
        connection.send(line);
    }

    /** Flushes buffered lines to the server. */
    public void flush() throws IOException {
        connection.flush();
    }

    /** Sends {@code :quit}: the server answers {@code bye} once every command sent has ended. */
    public void quit() throws IOException {
        connection.send(new ClientLine.Quit());
        connection.flush();
    }

    /**
     * Asks for protocol 1.1 features ({@code :features}) and waits, bounded by the spec's
     * timeout, for the answer; call it once, after {@link #open} and before sending anything
     * else. A server whose {@code hello} says {@code rshell/1} has none, so it is not asked (no
     * round trip); a server that answers {@code no} (a version 1 server: {@code no unknown
     * control line}) grants none. Lines other than the answer that arrive meanwhile (a
     * {@code msg}, the {@code ok pong} of a keepalive ping) go to the delegate as usual.
     *
     * @return the features granted, among those asked for
     * @throws SessionFailure when the answer does not come in time or the connection ends
     */
    public Set<Feature> requestFeatures(Set<Feature> wanted, SessionSpec spec) throws SessionFailure {
        synchronized (this) {
            if (wanted.isEmpty() || Protocol.minorVersion(hello.version()) < 1) {
                return EnumSet.noneOf(Feature.class);
            }
            phase = Phase.AWAIT_FEATURES;
        }
        try {
            connection.send(ClientLine.Features.of(wanted.toArray(Feature[]::new)));
            connection.flush();
        } catch (IOException e) {
            throw endedFailure("asking for features", Connection.describe(e));
        }
        await(Phase.AWAIT_FEATURES, spec, "no answer to :features from " + authority + " within "
                + spec.timeoutText() + " (--connect-timeout)", "asking for features", "");
        synchronized (this) {
            Set<Feature> result = EnumSet.noneOf(Feature.class);
            result.addAll(granted);
            result.retainAll(wanted);
            return result;
        }
    }

    /** The version word of the server's {@code hello}: {@code rshell/1}, {@code rshell/1.1}, ... */
    public synchronized String serverVersion() {
        return hello.version();
    }

    /** {@code host:port} of the server, for messages. */
    public String authority() {
        return authority;
    }

    /** Closes the connection and waits (bounded) for its reader thread. Idempotent. */
    @Override
    public void close() {
        Connection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void handshake(SessionSpec spec) throws SessionFailure, IOException {
        String limit = " within " + spec.timeoutText() + " (--connect-timeout)";
        String hint = spec.transport().silenceHint(authority);
        await(Phase.AWAIT_HELLO, spec, "no hello from " + authority + limit + hint, "before hello", hint);
        ServerLine.Hello h;
        synchronized (this) {
            h = hello;
            if (phase == Phase.READY) {
                // hello named a user: a TLS client certificate already logged us in
                if (spec.userGiven() && !h.user().equals(spec.user())) {
                    throw new SessionFailure(SessionFailure.Kind.LOGIN, "the certificate logs in as " + h.user() + ", not "
                            + spec.user() + " (drop " + spec.user() + "@ or -u, or use another --identity)");
                }
                return;
            }
        }
        if (!h.authMethods().contains("password")) {
            throw new SessionFailure(SessionFailure.Kind.LOGIN, authority + " offers no password login (auth="
                    + String.join(",", h.authMethods()) + ")");
        }
        String who = "login failed for " + spec.user() + (spec.userGiven() ? "" : " (the local login name)");
        synchronized (this) {
            loginFailure = who;
        }
        String password = spec.password().password();
        while (true) {
            if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
                throw new SessionFailure(SessionFailure.Kind.LOGIN,
                        "the password contains a line break, which :login can't carry");
            }
            // Never logged or shown: the line goes to the socket only.
            connection.send(new ClientLine.Login(spec.user(), password));
            connection.flush();
            await(Phase.AWAIT_LOGIN, spec, "no answer to :login from " + authority + limit, "during login", "");
            String refused;
            synchronized (this) {
                if (phase != Phase.LOGIN_REFUSED) {
                    return; // READY
                }
                refused = refusal;
                if (end != null) {
                    throw new SessionFailure(SessionFailure.Kind.LOGIN, who + ": " + refused); // no try left to ask for
                }
            }
            // The server counts the tries (max-auth-tries) and ends with bye after the last; a
            // person may try again until then, a password from a file or variable can't.
            password = spec.password().retry(who + "; try again");
            if (password == null) {
                throw new SessionFailure(SessionFailure.Kind.LOGIN, who + ": " + refused);
            }
            synchronized (this) {
                if (phase == Phase.LOGIN_REFUSED) {
                    phase = Phase.AWAIT_LOGIN;
                }
            }
        }
    }

    /** Waits, bounded by the spec's timeout, for the phase to move on from {@code from}. */
    private synchronized void await(Phase from, SessionSpec spec, String timeoutText, String when, String hint)
            throws SessionFailure {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try {
            while (phase == from && end == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SessionFailure(timeoutText);
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionFailure("interrupted while connecting to " + authority);
        }
        if (phase == Phase.FAILED) {
            throw new SessionFailure(failureKind, failure);
        }
        if (phase == from) {
            SessionFailure ended = endedFailure(when, null);
            throw end instanceof ConnectionEnd.EndOfStream ? new SessionFailure(ended.kind(), ended.getMessage() + hint)
                    : ended;
        }
    }

    /** {@link #endedText} as a failure: of the protocol when the server broke it, else of the connection. */
    private SessionFailure endedFailure(String when, String ioReason) {
        boolean violation;
        synchronized (this) {
            violation = end instanceof ConnectionEnd.Violation;
        }
        return new SessionFailure(violation ? SessionFailure.Kind.PROTOCOL : SessionFailure.Kind.CONNECT,
                endedText(when, ioReason));
    }

    /** Why the handshake can't go on, from how the connection ended. Caller holds no lock. */
    private String endedText(String when, String ioReason) {
        ConnectionEnd e;
        synchronized (this) {
            e = end;
        }
        if (e instanceof ConnectionEnd.Violation v) {
            return "protocol error: " + v.reason();
        }
        if (e instanceof ConnectionEnd.Lost l) {
            return "connection to " + authority + " lost " + when + ": " + l.reason();
        }
        if (e instanceof ConnectionEnd.EndOfStream) {
            return "connection closed by " + authority + " " + when;
        }
        return "connection to " + authority + " lost " + when
                + (ioReason == null ? "" : ": " + ioReason);
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        boolean forward;
        synchronized (this) {
            forward = phase == Phase.READY || line instanceof ServerLine.Msg
                    || (phase == Phase.AWAIT_FEATURES ? !featuresAnswer(line) : handshakeLine(line));
        }
        if (forward) {
            delegate.onLine(line);
        }
    }

    /** Handles a line during the handshake; true when it belongs to the delegate. Holds lock. */
    private boolean handshakeLine(ServerLine line) throws ProtocolViolation {
        switch (phase) {
            case AWAIT_HELLO -> {
                if (line instanceof ServerLine.Hello h) {
                    if (!Protocol.speaksVersion1(h.version())) {
                        // Any rshell/1.N will do: later minor versions only add (protocol.md).
                        fail(SessionFailure.Kind.PROTOCOL,
                                authority + " speaks " + h.version() + "; this client speaks " + Protocol.VERSION);
                    } else {
                        hello = h;
                        phase = h.user() != null ? Phase.READY : Phase.AWAIT_LOGIN;
                        notifyAll();
                    }
                } else if (line instanceof ServerLine.Bye b) {
                    fail(SessionFailure.Kind.CONNECT, authority + " refused the connection: " + b.text());
                } else {
                    throw new ProtocolViolation("expected hello, got " + Text.quote(line.toWire()));
                }
            }
            case AWAIT_LOGIN -> {
                if (line instanceof ServerLine.Ok) {
                    phase = Phase.READY;
                    notifyAll();
                } else if (line instanceof ServerLine.No n) {
                    refusal = n.text();
                    phase = Phase.LOGIN_REFUSED;
                    notifyAll();
                } else if (line instanceof ServerLine.Bye b) {
                    fail(SessionFailure.Kind.LOGIN, loginFailure + ": " + b.text());
                } else {
                    throw new ProtocolViolation("expected the answer to :login, got "
                            + Text.quote(line.toWire()));
                }
            }
            case LOGIN_REFUSED -> {
                if (line instanceof ServerLine.Bye b) {
                    fail(SessionFailure.Kind.LOGIN, loginFailure + ": " + b.text()); // e.g. the login grace ran out
                }
            }
            default -> {
                // FAILED: the main thread is closing; later lines are of no use.
            }
        }
        return false;
    }

    /**
     * True when {@code line} answers {@code :features} (and is taken here). Holds the lock. A
     * keepalive's {@code ok pong} is no answer: no feature is called {@code pong}.
     */
    private boolean featuresAnswer(ServerLine line) {
        Set<Feature> answer;
        if (line instanceof ServerLine.Ok ok) {
            if (ok.text().equals("pong") || ok.text().startsWith("pong ")) {
                return false;
            }
            answer = Feature.parse(ok.text());
        } else if (line instanceof ServerLine.No) {
            answer = EnumSet.noneOf(Feature.class); // a version 1 server: no unknown control line
        } else {
            return false;
        }
        granted = answer;
        phase = Phase.READY;
        notifyAll();
        return true;
    }

    private void fail(SessionFailure.Kind kind, String reason) {
        failureKind = kind;
        failure = reason;
        phase = Phase.FAILED;
        notifyAll();
    }

    @Override
    public void onIdle() {
        delegate.onIdle();
    }

    @Override
    public void onClosed(ConnectionEnd how) {
        synchronized (this) {
            end = how;
            notifyAll();
        }
        delegate.onClosed(how);
    }
}
