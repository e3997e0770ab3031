package dev.rshell.common.tls;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server's trust manager for {@link TrustSpec.AnyValidCertificate}: accepts any client
 * certificate that is currently valid and fit for client authentication, signed by anyone.
 * Why that is safe is written on {@link TrustSpec.AnyValidCertificate}; in short, JSSE still
 * verifies that the client holds the certificate's key, and the application trusts the
 * fingerprint, never the issuer or subject.
 *
 * <p>Thread safety: stateless; JSSE calls it from many handshakes at once.
 */
final class AnyClientCertificateTrustManager extends OneSidedTrustManager {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the client sent an empty certificate chain");
        }
        X509Certificate leaf = chain[0];
        // An expired certificate is refused: users rotate client keys by expiry.
        leaf.checkValidity();
        // Only the usage checks a CA would also impose: a certificate its maker restricted to
        // other purposes (say, a server-only certificate) must not log anyone in.
        List<String> extendedUsage = extendedKeyUsage(leaf);
        if (extendedUsage != null && !extendedUsage.contains(CLIENT_AUTH)
                && !extendedUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw new CertificateException("the client certificate is not for client authentication"
                    + " (its ExtendedKeyUsage lacks clientAuth)");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE])) {
            throw new CertificateException("the client certificate may not sign (KeyUsage lacks digitalSignature)");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks client certificates only");
    }

    private static List<String> extendedKeyUsage(X509Certificate cert) throws CertificateException {
        try {
            return cert.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the client certificate has a malformed ExtendedKeyUsage", e);
        }
    }
}
