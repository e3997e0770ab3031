package dev.rshell.common.tls;

import java.security.cert.X509Certificate;

/**
 * The client's decision whether to trust the certificate a server presents, asked by
 * {@link PinningTrustManager} during the handshake: typically a lookup of the server's
 * {@code host:port} in {@code known_hosts}, and for an unknown server the first-contact rule
 * (ask on a terminal, {@code --accept-new}, {@code --fingerprint}, or refuse).
 *
 * <p>It runs on the thread that drives the handshake and blocks it. A verifier that prompts a
 * person should keep in mind that the server limits how long a handshake may take; the robust
 * pattern is to reject with a reason, take the certificate from the resulting
 * {@link ServerNotTrustedException}, ask, and reconnect with the fingerprint pinned.
 */
@FunctionalInterface
public interface HostKeyVerifier {

    /**
     * @param presented the server's leaf certificate; {@link Fingerprints#sha256} gives the
     *                  fingerprint to look up or show
     * @return {@link HostKeyDecision#ACCEPT} or {@link HostKeyDecision#reject(String)}; an
     *         exception thrown here also fails the handshake, as a rejection
     */
    HostKeyDecision decide(X509Certificate presented);
}
