package dev.rshell.client.interactive;

import dev.rshell.client.connect.SessionSpec;
import dev.rshell.common.protocol.ClientLine;
import java.time.Duration;

/**
 * {@code --keepalive} for a session whose connection is driven by code that knows nothing of
 * pings: batch mode. A {@link WireTap} on the transport writes {@code :ping} between the
 * runner's whole lines and sees the {@code ok pong} answers (the batch runner sends no other
 * control line that {@code ok} could answer, and its listener ignores {@code ok}). When the
 * server stops answering, the socket is closed, which ends the run as a lost connection; the
 * caller then reports {@link #silenceMessage()} instead.
 *
 * <p>Pings start only once the tap saw the login succeed, and stop when the connection ends.
 *
 * <p>Thread safety: {@link #silent()} and {@link #close()} are safe from any thread; the
 * threads are those of {@link Keepalive}.
 */
public final class WireKeepalive implements AutoCloseable {

    private final WireTap tap;
    private final SessionSpec spec;
    private final Keepalive keepalive;

    private WireKeepalive(SessionSpec spec, Duration every) {
        // No connection exists yet, so no pong can come before keepalive is set.
        this.tap = new WireTap(spec.transport(), this::pong);
        this.spec = tap.spec(spec);
        this.keepalive = Keepalive.start(every, () -> !tap.ended() && tap.loggedIn() && tap.inject(new ClientLine.Ping()),
                tap::closeSocket);
    }

    private void pong() {
        keepalive.pong();
    }

    /** Starts watching a session about to be opened with {@link #spec()}. */
    public static WireKeepalive attach(SessionSpec spec, Duration every) {
        return new WireKeepalive(spec, every);
    }

    /** The spec to open the session with (its transport is tapped). */
    public SessionSpec spec() {
        return spec;
    }

    /** True when the server stopped answering and the connection was closed for it. */
    public boolean silent() {
        return keepalive.silent();
    }

    /** "HOST:PORT stopped answering", the one line to report after {@link #silent()}. */
    public String silenceMessage() {
        return spec.authority() + " stopped answering";
    }

    /** A session failure's message, corrected as {@link WireTap#explain} says. */
    public String explain(String message) {
        return tap.explain(spec.authority(), message);
    }

    @Override
    public void close() {
        keepalive.close();
    }
}
