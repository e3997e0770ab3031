package dev.rshell.client.connect;

import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.PinningTrustManager;
import dev.rshell.common.tls.ServerNotTrustedException;
import dev.rshell.common.tls.TlsContexts;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over TCP, the default transport: connects, runs the handshake under the connect timeout,
 * and verifies the server as its {@link ServerTrust} says.
 *
 * <p>Flow: the {@link SSLContext} ({@link TlsContexts#client}) and parameters
 * ({@link TlsContexts#clientParameters}: TLS 1.3, or 1.3 and 1.2 with {@code --tls12}), and, the
 * first time in the process, one ClientHello built in memory and dropped, all before the TCP
 * connect, so that the real ClientHello follows the connect at once (an rshell listener takes
 * a second of silence for a plain client); TCP connect (bounded by the timeout); an
 * {@link SSLSocket} layered over it; the handshake with {@code SO_TIMEOUT} set to the timeout,
 * then reset to 0 so that reading waits for the server as long as it takes. When the trust refuses the server,
 * the connection is closed and {@link ServerTrust#refused} decides outside the handshake; an
 * accepted server is connected to again with its fingerprint pinned, so a person answering a
 * question never holds a handshake open while the server's handshake limit runs out.
 *
 * <p>Mismatches are named: a server whose first bytes are not a TLS record (rshell's plain
 * listener greets with {@code hello rshell/1}) is reported as "HOST:PORT speaks plain TCP, not
 * TLS: use --no-tls", at once rather than at a timeout.
 *
 * <p>Closing: {@code SSLSocket.close()} waits for the peer's close_notify for up to the socket's
 * {@code SO_TIMEOUT}; a failed handshake is closed with a short one ({@value #CLOSE_TIMEOUT_MILLIS}
 * ms), and a connected socket is returned with 0, where close returns at once.
 *
 * <p>Thread safety: immutable (the warm-up's once-per-process flag is atomic); {@link #connect}
 * runs on the calling (main) thread.
 */
public final class TlsTransport implements Transport {

    /** {@code SO_TIMEOUT} while closing a socket whose handshake failed. */
    static final int CLOSE_TIMEOUT_MILLIS = 100;

    private static final java.util.concurrent.atomic.AtomicBoolean WARMED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private final ServerTrust trust;
    private final Optional<KeyMaterial> identity;
    private final boolean allowTls12;

    /**
     * @param trust      how the server is verified
     * @param identity   the client certificate offered when the server asks for one
     * @param allowTls12 also allow TLS 1.2 ({@code --tls12}); TLS 1.3 is always preferred
     */
    public TlsTransport(ServerTrust trust, Optional<KeyMaterial> identity, boolean allowTls12) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.allowTls12 = allowTls12;
    }

    @Override
    public Socket connect(String host, int port, Duration timeout) throws IOException, SessionFailure {
        return connect(host, port, timeout, StartupTimes.OFF);
    }

    @Override
    public Socket connect(String host, int port, Duration timeout, StartupTimes times)
            throws IOException, SessionFailure {
        String authority = Target.authority(host, port);
        SSLSocket socket;
        try {
            socket = handshake(host, port, timeout, trust.check(host, port), times);
        } catch (Refused refused) {
            String pin = trust.refused(host, port, refused.refusal);
            try {
                socket = handshake(host, port, timeout,
                        new ServerTrust.Check(PinningTrustManager.pinned(pin), false), times);
            } catch (Refused again) {
                throw new SessionFailure(SessionFailure.Kind.TRUST, "server " + authority + " presented another certificate ("
                        + again.refusal.fingerprint() + ") when connecting again; not trusted");
            }
        }
        try {
            trust.trusted(host, port, peerCertificate(socket));
            times.mark(StartupTimes.Phase.TLS);
            return socket;
        } catch (IOException | SessionFailure | RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** The handshake refused the server's certificate; carried to {@link #connect}. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient ServerNotTrustedException refusal;

        Refused(ServerNotTrustedException refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }

    private SSLSocket handshake(String host, int port, Duration timeout, ServerTrust.Check check,
                                StartupTimes times) throws IOException, SessionFailure, Refused {
        String authority = Target.authority(host, port);
        // Everything TLS needs is made before the TCP connection: an rshell listener takes a
        // connection whose first byte has not come within a second for a plain client.
        SSLContext context = TlsContexts.client(check.trustManager(), identity);
        SSLParameters parameters = TlsContexts.clientParameters(TlsContexts.protocols(allowTls12), host,
                check.verifyHostname());
        warmUp(context, parameters, host, port);
        SSLSocketFactory factory = context.getSocketFactory();
        times.mark(StartupTimes.Phase.CONTEXT);
        FirstBytesSocket raw = PlainTransport.open(host, port, timeout);
        times.mark(StartupTimes.Phase.TCP);
        SSLSocket tls;
        try {
            tls = (SSLSocket) factory.createSocket(raw, host, port, true);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        try {
            tls.setSSLParameters(parameters);
            tls.setSoTimeout(PlainTransport.millis(timeout));
            tls.startHandshake();
            tls.setSoTimeout(0);
            return tls;
        } catch (IOException e) {
            closeQuietly(tls);
            Optional<ServerNotTrustedException> refusal = ServerNotTrustedException.findIn(e);
            if (refusal.isPresent()) {
                throw new Refused(refusal.get());
            }
            if (raw.receivedNonTls()) {
                throw new SessionFailure(SessionFailure.Kind.PROTOCOL, authority + " speaks plain TCP, not TLS: use --no-tls");
            }
            if (causedBy(e, SocketTimeoutException.class)) {
                throw new SessionFailure("no TLS handshake with " + authority + " within "
                        + seconds(timeout) + " (--connect-timeout)");
            }
            if (e instanceof SSLException || causedBy(e, EOFException.class)) {
                throw new SessionFailure("TLS handshake with " + authority + " failed: " + reason(e));
            }
            throw e; // a plain network failure: the session words it as "can't connect"
        } catch (RuntimeException e) {
            closeQuietly(tls);
            throw e;
        }
    }

    /**
     * Once per process: builds one ClientHello in memory and drops it, so that the real one,
     * after the TCP connect, finds the handshake's classes loaded and its key generators warm;
     * in a JVM just started on a busy machine, the first ClientHello alone can take most of a
     * second.
     */
    private static void warmUp(SSLContext context, SSLParameters parameters, String host, int port) {
        if (!WARMED.compareAndSet(false, true)) {
            return;
        }
        try {
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.setSSLParameters(parameters);
            engine.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            engine.closeOutbound();
        } catch (SSLException | RuntimeException e) {
            // Only a warm-up: the real handshake reports whatever is wrong.
        }
    }

    private String reason(IOException e) {
        String message = Connection.describe(e);
        if (causedBy(e, EOFException.class) || message.contains("terminated the handshake")) {
            return "the server closed the connection";
        }
        if (message.contains("protocol_version") && !allowTls12) {
            return "no TLS version in common (this client speaks TLS 1.3; if the server only "
                    + "speaks TLS 1.2, add --tls12)";
        }
        if (message.contains("protocol_version")) {
            return "no TLS version in common (this client speaks TLS 1.3 and 1.2)";
        }
        return message;
    }

    private static X509Certificate peerCertificate(SSLSocket socket) throws IOException {
        Certificate[] chain = socket.getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
            throw new SSLException("the server sent no X.509 certificate");
        }
        return (X509Certificate) chain[0];
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration timeout) {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s"
                : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }

    /** Closes without waiting long for the peer's close_notify (see the class comment). */
    static void closeQuietly(Socket socket) {
        try {
            socket.setSoTimeout(CLOSE_TIMEOUT_MILLIS);
        } catch (IOException ignored) {
            // already closed or broken: close below is quick then
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
