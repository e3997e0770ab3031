package dev.rshell.common.tls;

import java.security.KeyStore;
import java.util.Objects;

/**
 * Which client certificates a TLS server accepts at the TLS layer (see
 * {@link TlsContexts#server(ServerIdentity, TrustSpec)}). Whether a certificate then logs anyone
 * in is the application's decision, made afterwards from the session's peer certificate.
 */
public sealed interface TrustSpec {

    /**
     * Whether the certificate's subject was vouched for by someone, so that the application may
     * map a subject name to a user. Only a CA can vouch: under {@link AnyValidCertificate}
     * anyone can make a certificate with any subject, so only its fingerprint identifies it.
     */
    boolean subjectIsVerified();

    /**
     * Any well-formed, currently valid client certificate, self-signed ones included; the
     * application maps it to a user by fingerprint.
     *
     * <p>Why this is safe: the TLS handshake still proves the client holds the private key of
     * the certificate it sent (TLS 1.3 CertificateVerify, TLS 1.2 certificate_verify), and the
     * fingerprint covers the whole certificate, public key included. So a fingerprint listed in
     * the users file can only be presented by the holder of that key: the list of fingerprints,
     * not a CA, is the trust anchor, as {@code authorized_keys} is for ssh. A certificate whose
     * fingerprint is not listed passes the handshake and logs nobody in; the client then logs
     * in by password like any other.
     */
    record AnyValidCertificate() implements TrustSpec {
        @Override
        public boolean subjectIsVerified() {
            return false;
        }
    }

    /**
     * Certificates that chain to one of the trust store's certificates (standard PKIX, with
     * ExtendedKeyUsage {@code clientAuth} where the certificate has the extension).
     */
    record CaCertificates(KeyStore trustStore) implements TrustSpec {
        public CaCertificates {
            Objects.requireNonNull(trustStore, "trustStore");
        }

        @Override
        public boolean subjectIsVerified() {
            return true;
        }
    }

    /** See {@link AnyValidCertificate}. */
    static TrustSpec anyValidCertificate() {
        return new AnyValidCertificate();
    }

    /** See {@link CaCertificates}; load the store with {@link KeyStores#readTrustStore}. */
    static TrustSpec caCertificates(KeyStore trustStore) {
        return new CaCertificates(trustStore);
    }
}
