package dev.rshell.common.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The client refused the server's certificate: its fingerprint was not the pinned one, or the
 * {@link HostKeyVerifier} rejected it. JSSE turns it into the cause of the
 * {@link javax.net.ssl.SSLHandshakeException} the handshake fails with;
 * {@link #findIn(Throwable)} gets it back, so the client can tell "server not trusted"
 * (show the fingerprint, exit 255) from a network or protocol failure.
 */
public final class ServerNotTrustedException extends CertificateException {

    private final String fingerprint;
    private final String reason;
    private final transient X509Certificate certificate;

    /**
     * @param certificate the server's leaf certificate
     * @param reason      one line for the user
     */
    public ServerNotTrustedException(X509Certificate certificate, String reason) {
        this(certificate, reason, null);
    }

    /** As {@link #ServerNotTrustedException(X509Certificate, String)}, with the failure behind it. */
    public ServerNotTrustedException(X509Certificate certificate, String reason, Throwable cause) {
        super("server certificate " + Fingerprints.sha256(certificate) + " not trusted: " + reason, cause);
        this.fingerprint = Fingerprints.sha256(certificate);
        this.reason = reason;
        this.certificate = certificate;
    }

    /** The presented certificate's fingerprint ({@code SHA256:…}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** Why it was refused, as the verifier said. */
    public String reason() {
        return reason;
    }

    /** The presented certificate (for a first-contact prompt, or to store after the user agrees). */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This exception somewhere in {@code failure}'s cause chain, as a failed handshake holds it. */
    public static Optional<ServerNotTrustedException> findIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerNotTrustedException) {
                return Optional.of((ServerNotTrustedException) t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }
}
