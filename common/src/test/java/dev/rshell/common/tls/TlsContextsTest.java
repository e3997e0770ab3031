package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** Parameters and trust decisions without sockets. */
class TlsContextsTest {

    @Test
    void protocolsDefaultToTls13Only() {
        assertEquals(List.of("TLSv1.3"), TlsContexts.protocols(false));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), TlsContexts.protocols(true));
    }

    @Test
    void suitesAreAeadOnlyAndTls12SuitesOnlyWithTls12() {
        List<String> tls13 = TlsContexts.cipherSuites(List.of("TLSv1.3"));
        assertEquals(List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"),
                tls13);
        List<String> both = TlsContexts.cipherSuites(TlsContexts.protocols(true));
        assertTrue(both.containsAll(tls13));
        assertTrue(both.contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"));
        assertTrue(both.contains("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"));
        assertTrue(both.contains("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
        for (String suite : both) {
            assertTrue(suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")
                    || suite.startsWith("TLS_ECDHE_"), suite);
            assertTrue(suite.contains("_GCM_") || suite.contains("CHACHA20_POLY1305"), suite);
        }
    }

    @Test
    void serverParametersMapClientAuth() {
        List<String> tls13 = TlsContexts.protocols(false);
        SSLParameters none = TlsContexts.serverParameters(tls13, ClientAuth.NONE);
        assertFalse(none.getNeedClientAuth());
        assertFalse(none.getWantClientAuth());
        assertTrue(TlsContexts.serverParameters(tls13, ClientAuth.OPTIONAL).getWantClientAuth());
        SSLParameters required = TlsContexts.serverParameters(tls13, ClientAuth.REQUIRED);
        assertTrue(required.getNeedClientAuth());
        assertArrayEquals(new String[] {"TLSv1.3"}, required.getProtocols());
        assertTrue(required.getUseCipherSuitesOrder());
    }

    @Test
    void clientParametersVerifyHostNamesOnlyWhenAsked() {
        assertEquals("HTTPS", TlsContexts.clientParameters(List.of("TLSv1.3"), "lab-01", true)
                .getEndpointIdentificationAlgorithm());
        assertNull(TlsContexts.clientParameters(List.of("TLSv1.3"), "lab-01", false)
                .getEndpointIdentificationAlgorithm());
    }

    @Test
    void onlyTls12And13AreAccepted() {
        assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.serverParameters(List.of("TLSv1.1"), ClientAuth.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> TlsContexts.clientParameters(List.of(), "x", false));
    }

    @Test
    void clientAuthSettingSpellings() {
        assertEquals(Optional.of(ClientAuth.OPTIONAL), ClientAuth.fromSetting(" Optional "));
        assertEquals(Optional.empty(), ClientAuth.fromSetting("maybe"));
        assertEquals("required", ClientAuth.REQUIRED.settingValue());
    }

    @Test
    void anyClientCertificateTrustManagerChecksValidityAndPurposeOnly() throws Exception {
        AnyClientCertificateTrustManager trust = new AnyClientCertificateTrustManager();
        trust.checkClientTrusted(new X509Certificate[] {TlsTestSupport.CLIENT.certificate()}, "EC");
        assertEquals(0, trust.getAcceptedIssuers().length);

        KeyMaterial expired = SelfSignedCertificate.generate("old", List.of(), KeyPurposeId.id_kp_clientAuth,
                Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(2));
        assertThrows(CertificateExpiredException.class,
                () -> trust.checkClientTrusted(new X509Certificate[] {expired.certificate()}, "EC"));

        CertificateException serverOnly = assertThrows(CertificateException.class,
                () -> trust.checkClientTrusted(new X509Certificate[] {TlsTestSupport.SERVER.certificate()}, "EC"));
        assertTrue(serverOnly.getMessage().contains("clientAuth"), serverOnly.getMessage());
        assertThrows(CertificateException.class, () -> trust.checkClientTrusted(new X509Certificate[0], "EC"));
        assertThrows(CertificateException.class,
                () -> trust.checkServerTrusted(new X509Certificate[] {TlsTestSupport.SERVER.certificate()}, "EC"));
    }

    @Test
    void pinnedNeedsAWellFormedFingerprint() {
        assertThrows(IllegalArgumentException.class, () -> PinningTrustManager.pinned("SHA256:nope"));
        assertThrows(CertificateException.class, () -> PinningTrustManager.pinned(TlsTestSupport.SERVER.fingerprint())
                .checkClientTrusted(new X509Certificate[] {TlsTestSupport.CLIENT.certificate()}, "EC"));
    }

    @Test
    void trustSpecsSayWhetherSubjectsCanBeMapped() throws Exception {
        assertFalse(TrustSpec.anyValidCertificate().subjectIsVerified());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        assertTrue(TrustSpec.caCertificates(store).subjectIsVerified());
    }
}
