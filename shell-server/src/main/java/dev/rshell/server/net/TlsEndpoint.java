package dev.rshell.server.net;

import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.TlsDetect;
import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * The TLS side of a listener: turns an accepted TCP connection into a TLS one, on the
 * session's own thread (never the acceptor's), under {@code tls-handshake-timeout}. That is an
 * absolute deadline ({@link PreLoginDeadline}) counted from the call: a ClientHello sent a
 * byte at a time can't stretch it.
 *
 * <p>A TLS client speaks first (its ClientHello starts with byte 0x16), while a plain rshell
 * client waits for {@code hello}. So the first byte tells them apart: silence for a second, or
 * a byte that can't start a handshake, means a plain client, which gets one plain-text
 * {@code bye} saying that this server speaks TLS, instead of waiting for a handshake that
 * never comes.
 *
 * <p>Thread safety: immutable; shared by all sessions.
 */
public final class TlsEndpoint {

    /** What became of a connection's first moments. */
    public sealed interface Outcome {
        /** The handshake succeeded; the client's certificate fingerprint when it sent one. */
        record Secured(SSLSocket socket, Optional<String> clientFingerprint) implements Outcome {
        }

        /** The client does not speak TLS: tell it so, in plain text, and close. */
        record NotTls(String bye) implements Outcome {
        }

        /** The client left, or the handshake failed: nothing can be said to it. */
        record Failed(String reason) implements Outcome {
        }
    }

    private static final String PLAIN_CLIENT_BYE =
            "bye this server speaks TLS; connect with TLS (rshell without --no-tls)";

    private final SSLContext context;
    private final SSLParameters parameters;
    private final Duration handshakeTimeout;
    private final ScheduledExecutorService timers;

    /**
     * @param timers the server's timer, which runs each handshake's deadline
     */
    public TlsEndpoint(SSLContext context, SSLParameters parameters, Duration handshakeTimeout,
                       ScheduledExecutorService timers) {
        this.context = context;
        this.parameters = parameters;
        this.handshakeTimeout = handshakeTimeout;
        this.timers = timers;
    }

    /** True when clients are asked for a certificate, so {@code hello} offers certificate login. */
    public boolean asksForCertificates() {
        return parameters.getNeedClientAuth() || parameters.getWantClientAuth();
    }

    /**
     * Runs the first byte check and the handshake; blocks at most about the handshake timeout
     * (plus {@link PreLoginDeadline#HARD_CLOSE_AFTER} if the peer does not read either).
     */
    public Outcome secure(Socket plain) throws IOException {
        return secure(plain, () -> { });
    }

    /**
     * As {@link #secure(Socket)}, telling {@code onFirstByte} (on this thread) when the
     * client's first byte has arrived.
     */
    public Outcome secure(Socket plain, Runnable onFirstByte) throws IOException {
        PreLoginDeadline deadline = PreLoginDeadline.arm(timers, handshakeTimeout, plain,
                () -> PreLoginDeadline.Expiry.CUT);
        try {
            Outcome outcome = handshake(plain, onFirstByte);
            if (deadline.expired() && !(outcome instanceof Outcome.Secured)) {
                return new Outcome.Failed("TLS handshake timeout");
            }
            return outcome;
        } finally {
            deadline.cancel();
        }
    }

    private Outcome handshake(Socket plain, Runnable onFirstByte) throws IOException {
        TlsDetect.FirstByte first = TlsDetect.readFirstByte(plain, TlsDetect.FIRST_BYTE_TIMEOUT);
        if (first instanceof TlsDetect.FirstByte.Closed) {
            return new Outcome.Failed("closed before the TLS handshake");
        }
        if (first instanceof TlsDetect.FirstByte.Received) {
            onFirstByte.run();
        }
        if (!(first instanceof TlsDetect.FirstByte.Received received) || !received.isTls()) {
            return new Outcome.NotTls(PLAIN_CLIENT_BYE);
        }
        SSLSocket tls = TlsDetect.layerServerSocket(context, plain, received.value(), parameters);
        try {
            tls.startHandshake();
        } catch (IOException e) {
            return new Outcome.Failed("TLS handshake failed: " + e.getMessage());
        }
        return new Outcome.Secured(tls, clientFingerprint(tls));
    }

    private static Optional<String> clientFingerprint(SSLSocket tls) {
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                return Optional.of(Fingerprints.sha256(leaf));
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: the session logs in with a password
        }
        return Optional.empty();
    }
}
