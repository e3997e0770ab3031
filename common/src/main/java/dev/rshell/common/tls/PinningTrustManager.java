package dev.rshell.common.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * A client's trust manager that trusts a server by its certificate's fingerprint, as ssh trusts
 * a host key: either exactly one expected fingerprint ({@link #pinned}) or whatever a
 * {@link HostKeyVerifier} decides when it sees the certificate (first contact, known_hosts).
 *
 * <p>No CA, expiry or host name is checked: the fingerprint covers the whole certificate, so a
 * match means the server holds the key the user already decided to trust, and a server's
 * self-signed certificate names no CA and may outlive its nominal validity. A refusal fails the
 * handshake with a {@link ServerNotTrustedException} (see {@link ServerNotTrustedException#findIn}).
 *
 * <p>The certificate each handshake presented is kept ({@link #lastPresented()}) so a caller can
 * record it after an accepted first contact.
 *
 * <p>Thread safety: safe for concurrent handshakes when the verifier is;
 * {@link #lastPresented()} reports the most recent handshake of any thread. Use one instance per
 * connection when that matters.
 */
public final class PinningTrustManager extends OneSidedTrustManager {

    private final HostKeyVerifier verifier;
    private volatile X509Certificate lastPresented;

    /** Trusts servers as {@code verifier} decides. */
    public PinningTrustManager(HostKeyVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    /**
     * Trusts exactly the server whose certificate has {@code expectedFingerprint}.
     *
     * @param expectedFingerprint in any form {@link Fingerprints#normalize} accepts
     * @throws IllegalArgumentException when it is not a well-formed fingerprint
     */
    public static PinningTrustManager pinned(String expectedFingerprint) {
        String expected = Fingerprints.normalize(expectedFingerprint).orElseThrow(
                () -> new IllegalArgumentException("not a SHA-256 fingerprint: " + expectedFingerprint));
        return new PinningTrustManager(cert -> Fingerprints.matches(expected, cert)
                ? HostKeyDecision.ACCEPT
                : HostKeyDecision.reject("expected fingerprint " + expected));
    }

    /** The certificate the most recent handshake presented, accepted or not. */
    public Optional<X509Certificate> lastPresented() {
        return Optional.ofNullable(lastPresented);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        X509Certificate leaf = chain[0];
        lastPresented = leaf;
        HostKeyDecision decision;
        try {
            decision = verifier.decide(leaf);
        } catch (RuntimeException e) {
            throw new ServerNotTrustedException(leaf, "the host key check failed: " + e.getMessage(), e);
        }
        if (decision instanceof HostKeyDecision.Reject) {
            throw new ServerNotTrustedException(leaf, ((HostKeyDecision.Reject) decision).reason());
        }
        if (!(decision instanceof HostKeyDecision.Accept)) {
            throw new ServerNotTrustedException(leaf, "the host key check made no decision");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks servers only");
    }
}
