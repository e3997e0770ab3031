package dev.rshell.client.connect;

import dev.rshell.common.tls.ServerNotTrustedException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * How {@link TlsTransport} decides whether to trust a server: by fingerprint from
 * {@code known_hosts} (with first-contact rules), by one fingerprint given on the command line,
 * or by a CA. Implementations are in {@code dev.rshell.client.trust}.
 *
 * <p>The flow, as the {@code common.tls} package recommends: the first handshake runs with
 * {@link #check}'s trust manager, which never waits for a person; when it refuses the server,
 * the transport closes that connection and calls {@link #refused} outside any handshake, where
 * the user may be asked (the server limits how long a handshake may take). If the user accepts,
 * the transport connects again with the accepted fingerprint pinned. After a handshake that
 * succeeded, {@link #trusted} may record the server ({@code --accept-new}).
 *
 * <p>Thread safety: used by the main thread only; the trust manager of a {@link Check} is called
 * on the thread that runs the handshake, which is the main thread too.
 */
public interface ServerTrust {

    /**
     * The trust for the first handshake with {@code host:port}.
     *
     * @throws SessionFailure when the trust can't even be set up (an unreadable known_hosts)
     */
    Check check(String host, int port) throws SessionFailure;

    /**
     * The handshake refused the server's certificate. Decides, outside the handshake, whether to
     * go on.
     *
     * @return the fingerprint to pin on a second connection (the user accepted the server)
     * @throws SessionFailure with the one-line reason when the server is not trusted; a longer
     *                        explanation (a changed certificate) is printed before it
     */
    String refused(String host, int port, ServerNotTrustedException refusal) throws SessionFailure;

    /** The handshake accepted {@code presented}: the moment to record a new server. */
    default void trusted(String host, int port, X509Certificate presented) throws SessionFailure {
    }

    /**
     * What one handshake checks.
     *
     * @param trustManager   decides about the server's certificate; refusals are
     *                       {@link ServerNotTrustedException}s
     * @param verifyHostname whether the certificate must name the host (CA trust; not for pins)
     */
    record Check(X509TrustManager trustManager, boolean verifyHostname) {
        public Check {
            Objects.requireNonNull(trustManager, "trustManager");
        }
    }
}
