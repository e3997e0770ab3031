package dev.rshell.client.connect;

import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.PinningTrustManager;
import dev.rshell.common.tls.ServerNotTrustedException;
import dev.rshell.common.tls.TlsContexts;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * TLS over TCP, the default transport: connects, runs the handshake under the connect timeout,
 * and verifies the server as its {@link ServerTrust} says.
 *
 * <p>Flow: TCP connect (bounded by the timeout); an {@link SSLSocket} layered over it with
 * {@link TlsContexts#client} and {@link TlsContexts#clientParameters} (TLS 1.3, or 1.3 and 1.2
 * with {@code --tls12}); the handshake with {@code SO_TIMEOUT} set to the timeout, then reset to
 * 0 so that reading waits for the server as long as it takes. When the trust refuses the server,
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
 * <p>Thread safety: immutable; {@link #connect} runs on the calling (main) thread.
 */
public final class TlsTransport implements Transport {

    /** {@code SO_TIMEOUT} while closing a socket whose handshake failed. */
    static final int CLOSE_TIMEOUT_MILLIS = 100;

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
        String authority = Target.authority(host, port);
        SSLSocket socket;
        try {
            socket = handshake(host, port, timeout, trust.check(host, port));
        } catch (Refused refused) {
            String pin = trust.refused(host, port, refused.refusal);
            try {
                socket = handshake(host, port, timeout,
                        new ServerTrust.Check(PinningTrustManager.pinned(pin), false));
            } catch (Refused again) {
                throw new SessionFailure("server " + authority + " presented another certificate ("
                        + again.refusal.fingerprint() + ") when connecting again; not trusted");
            }
        }
        try {
            trust.trusted(host, port, peerCertificate(socket));
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

    private SSLSocket handshake(String host, int port, Duration timeout, ServerTrust.Check check)
            throws IOException, SessionFailure, Refused {
        String authority = Target.authority(host, port);
        // Built before connecting: the ClientHello must follow the connect at once, since a TLS
        // server takes a client that stays silent for a second (a cold JVM building its first
        // context on a busy machine can take that long) for a plain one.
        SSLContext context = TlsContexts.client(check.trustManager(), identity);
        FirstBytesSocket raw = PlainTransport.open(host, port, timeout);
        SSLSocket tls;
        try {
            tls = (SSLSocket) context.getSocketFactory().createSocket(raw, host, port, true);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
        try {
            tls.setSSLParameters(TlsContexts.clientParameters(TlsContexts.protocols(allowTls12), host,
                    check.verifyHostname()));
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
                throw new SessionFailure(authority + " speaks plain TCP, not TLS: use --no-tls");
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
