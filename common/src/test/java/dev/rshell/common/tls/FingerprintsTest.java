package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FingerprintsTest {

    private static final X509Certificate CERT = TlsTestSupport.SERVER.certificate();

    @Test
    void encodesTheDigestAsSshDoes() {
        // SHA-256 of no bytes, as ssh-keygen would print it.
        assertEquals("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Fingerprints.ofBytes(new byte[0]));
    }

    @Test
    void certificateFingerprintHasTheFixedFormat() {
        String fp = Fingerprints.sha256(CERT);
        assertTrue(fp.matches("SHA256:[A-Za-z0-9+/]{43}"), fp);
        assertTrue(Fingerprints.isWellFormed(fp));
    }

    @Test
    void fingerprintIsStableAcrossCallsAndReparsing() throws Exception {
        X509Certificate reparsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(CERT.getEncoded()));
        assertEquals(Fingerprints.sha256(CERT), Fingerprints.sha256(CERT));
        assertEquals(Fingerprints.sha256(CERT), Fingerprints.sha256(reparsed));
        assertNotEquals(Fingerprints.sha256(CERT), Fingerprints.sha256(TlsTestSupport.CLIENT.certificate()));
    }

    @Test
    void hexFormIsTheSameDigest() {
        String hex = Fingerprints.sha256Hex(CERT);
        assertTrue(hex.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), hex);
        byte[] digest = HexFormat.of().parseHex(hex.replace(":", ""));
        assertEquals(Fingerprints.sha256(CERT),
                "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest));
    }

    @Test
    void matchesAcceptsEverySpellingOfTheRightDigest() {
        String fp = Fingerprints.sha256(CERT);
        String hex = Fingerprints.sha256Hex(CERT);
        for (String spelling : List.of(fp, " " + fp + "\n", fp + "=", "sha256:" + fp.substring(7), hex,
                hex.toLowerCase(Locale.ROOT), hex.replace(":", ""), "SHA256:" + hex)) {
            assertTrue(Fingerprints.matches(spelling, CERT), spelling);
            assertEquals(Optional.of(fp), Fingerprints.normalize(spelling), spelling);
        }
    }

    @Test
    void matchesRejectsOtherAndMalformedFingerprints() {
        assertFalse(Fingerprints.matches(Fingerprints.sha256(TlsTestSupport.CLIENT.certificate()), CERT));
        assertFalse(Fingerprints.matches(null, CERT));
        assertFalse(Fingerprints.matches("SHA256:", CERT));
        assertFalse(Fingerprints.matches(Fingerprints.sha256(CERT).substring(0, 49), CERT));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuF",   // 42 characters
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFUx", // 44 characters
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV",  // non-canonical last character
        "SHA256:47DEQpj8HBSa-_TImW+5JCeuQeRkm5NMpJWZG3hSuFU",  // URL-safe alphabet
        "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",         // no prefix
        "MD5:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
        "E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8",
        "E3B0:C442:98FC:1C14:9AFB:F4C8:996F:B924:27AE:41E4:649B:934C:A495:991B:7852:B855",
        "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU==",
    })
    void malformedFingerprintsAreNotWellFormed(String text) {
        assertFalse(Fingerprints.isWellFormed(text));
        assertEquals(Optional.empty(), Fingerprints.normalize(text));
    }

    @Test
    void wellFormedForms() {
        assertTrue(Fingerprints.isWellFormed("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"));
        assertTrue(Fingerprints.isWellFormed(
                "E3:B0:C4:42:98:FC:1C:14:9A:FB:F4:C8:99:6F:B9:24:27:AE:41:E4:64:9B:93:4C:A4:95:99:1B:78:52:B8:55"));
        assertEquals(Optional.of("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"), Fingerprints.normalize(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    }
}
