package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SelfSignedCertificateTest {

    private static final int DNS = 2;
    private static final int IP = 7;

    /** SAN entries as "dns:NAME" / "ip:ADDRESS" in the JDK's spelling. */
    static Set<String> sans(X509Certificate cert) throws Exception {
        Set<String> out = new TreeSet<>();
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                int type = (Integer) name.get(0);
                out.add((type == DNS ? "dns:" : type == IP ? "ip:" : type + ":") + name.get(1));
            }
        }
        return out;
    }

    @Test
    void serverCertificateHasTheGivenNamesAndAddresses() throws Exception {
        KeyMaterial key = SelfSignedCertificate.forServer("lab-01",
                List.of("192.168.1.20", "localhost", "::1", "0.0.0.0", "::", "LAB-01", "[fe80::1%eth0]", "Lab-01.Example."));
        assertEquals(Set.of("dns:lab-01", "dns:localhost", "dns:lab-01.example", "ip:192.168.1.20",
                "ip:0:0:0:0:0:0:0:1", "ip:fe80:0:0:0:0:0:0:1"), sans(key.certificate()));
        assertEquals("CN=lab-01", key.certificate().getSubjectX500Principal().getName());
    }

    @Test
    void serverCertificateIsASelfSignedEndEntityForServerAuth() throws Exception {
        Instant before = Instant.now();
        X509Certificate cert = SelfSignedCertificate.forServer("lab-01", List.of("10.0.0.1")).certificate();
        assertEquals(3, cert.getVersion());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey()); // throws unless self-signed by its own key
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(256, ((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize());

        assertEquals(-1, cert.getBasicConstraints()); // not a CA
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        boolean[] keyUsage = cert.getKeyUsage();
        assertTrue(keyUsage[0]);
        for (int i = 1; i < keyUsage.length; i++) {
            assertTrue(!keyUsage[i], "key usage bit " + i);
        }
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
        assertTrue(cert.getNonCriticalExtensionOIDs().contains("2.5.29.14")); // subject key id

        assertTrue(cert.getSerialNumber().signum() > 0);
        assertTrue(cert.getSerialNumber().bitLength() <= 128);
        Instant notBefore = cert.getNotBefore().toInstant();
        Instant notAfter = cert.getNotAfter().toInstant();
        assertTrue(notBefore.isBefore(before.minus(Duration.ofHours(23))), notBefore.toString());
        assertTrue(notBefore.isAfter(before.minus(Duration.ofHours(25))), notBefore.toString());
        long days = Duration.between(before, notAfter).toDays();
        assertTrue(days >= 3649 && days <= 3650, "valid for " + days + " days");
        cert.checkValidity();
    }

    @Test
    void clientCertificateIsForClientAuthWithoutSan() throws Exception {
        KeyMaterial key = SelfSignedCertificate.forClient("alice@lab-01");
        X509Certificate cert = key.certificate();
        assertEquals("CN=alice@lab-01", cert.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), cert.getExtendedKeyUsage());
        assertNull(cert.getSubjectAlternativeNames());
        long days = Duration.between(Instant.now(), cert.getNotAfter().toInstant()).toDays();
        assertTrue(days >= 824 && days <= 825, "valid for " + days + " days");
        cert.verify(cert.getPublicKey());
    }

    @Test
    void privateKeyBelongsToTheCertificate() throws Exception {
        KeyMaterial key = SelfSignedCertificate.forClient("bob");
        byte[] data = "proof".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.privateKey());
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.certificate());
        verifier.update(data);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void everyCertificateGetsItsOwnKeyAndSerial() {
        KeyMaterial a = SelfSignedCertificate.forClient("same");
        KeyMaterial b = SelfSignedCertificate.forClient("same");
        assertNotEquals(a.certificate().getSerialNumber(), b.certificate().getSerialNumber());
        assertNotEquals(a.certificate().getPublicKey(), b.certificate().getPublicKey());
        assertNotEquals(a.fingerprint(), b.fingerprint());
    }

    @Test
    void longNamesAreCutInTheCommonNameOnly() throws Exception {
        String label = "a".repeat(40);
        String host = label + "." + label + ".example";
        KeyMaterial key = SelfSignedCertificate.forServer(host, List.of());
        assertEquals("CN=" + host.substring(0, 64), key.certificate().getSubjectX500Principal().getName());
        assertEquals(Set.of("dns:" + host), sans(key.certificate()));
    }

    @Test
    void invalidNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.forServer("bad host", List.of()));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.forServer("ok", List.of("a/b")));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.forClient(" "));
        assertThrows(IllegalArgumentException.class, () -> SelfSignedCertificate.forClient("x", 0));
    }

    @Test
    void keyMaterialNeverPrintsTheKey() {
        KeyMaterial key = SelfSignedCertificate.forClient("carol");
        String text = key.toString();
        assertTrue(text.contains(key.fingerprint()), text);
        assertTrue(text.contains("CN=carol"), text);
        assertTrue(!text.toLowerCase().contains("private"), text);
    }
}
