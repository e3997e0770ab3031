package dev.rshell.common.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and the certificate chain that goes with it, leaf first: what one side of a
 * TLS connection presents. Made by {@link SelfSignedCertificate}, read and written by
 * {@link KeyStores}.
 *
 * <p>{@link #toString()} never shows the key.
 *
 * @param privateKey the key the leaf certificate's public key belongs to
 * @param chain      leaf first; a self-signed certificate is a chain of one
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain) {

    /** @throws IllegalArgumentException when the chain is empty */
    public KeyMaterial {
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
    }

    /** A key with a single (typically self-signed) certificate. */
    public KeyMaterial(PrivateKey privateKey, X509Certificate certificate) {
        this(privateKey, List.of(certificate));
    }

    /** The leaf certificate: the one that carries this key's public half. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The leaf certificate's fingerprint, as {@link Fingerprints#sha256(X509Certificate)}. */
    public String fingerprint() {
        return Fingerprints.sha256(certificate());
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + certificate().getSubjectX500Principal().getName() + ", "
                + fingerprint() + ", chain of " + chain.size() + "]";
    }
}
