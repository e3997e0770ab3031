package dev.rshell.common.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Certificate fingerprints in the form {@code ssh} prints host keys:
 * {@code SHA256:} followed by the unpadded standard base64 of the SHA-256 digest of the
 * certificate's DER encoding, e.g. {@code SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU}.
 *
 * <p>The digest covers the whole certificate, as {@code openssl x509 -fingerprint -sha256}
 * does, so the same value can be checked with stock tools ({@link #sha256Hex} gives openssl's
 * spelling). Input fingerprints are accepted in either spelling (see {@link #normalize}), so a
 * user may paste what openssl printed.
 *
 * <p>Thread safety: stateless; safe from any thread.
 */
public final class Fingerprints {

    /** The prefix of every fingerprint this class writes. */
    public static final String PREFIX = "SHA256:";

    private static final int DIGEST_BYTES = 32;

    private Fingerprints() {
    }

    /** The fingerprint of {@code cert}: {@code SHA256:} + 43 base64 characters. */
    public static String sha256(X509Certificate cert) {
        return ofDigest(digest(der(cert)));
    }

    /** The same digest as {@link #sha256}, in openssl's spelling: {@code AB:CD:…} (upper-case hex). */
    public static String sha256Hex(X509Certificate cert) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest(der(cert)));
    }

    /**
     * Whether {@code cert}'s fingerprint is {@code expected}. The comparison of digests is
     * constant-time, so how long it takes says nothing about how much of a guess was right.
     *
     * @param expected a fingerprint in any form {@link #normalize} accepts; a malformed one
     *                 never matches
     */
    public static boolean matches(String expected, X509Certificate cert) {
        if (expected == null) {
            return false;
        }
        Optional<byte[]> want = parse(expected);
        return want.isPresent() && MessageDigest.isEqual(want.get(), digest(der(cert)));
    }

    /** Whether {@code text} is a SHA-256 fingerprint in a form {@link #normalize} accepts. */
    public static boolean isWellFormed(String text) {
        return text != null && parse(text).isPresent();
    }

    /**
     * The canonical form of a fingerprint the user typed, or empty when it is not one. Accepted:
     * {@code SHA256:} (any case) + base64 of 32 bytes, with or without {@code =} padding; or the
     * 32 bytes as 64 hex digits, with or without {@code :} between bytes, optionally after
     * {@code SHA256:} (what {@code openssl x509 -fingerprint -sha256} prints after
     * {@code sha256 Fingerprint=}).
     */
    public static Optional<String> normalize(String text) {
        return text == null ? Optional.empty() : parse(text).map(Fingerprints::ofDigest);
    }

    /** {@code SHA256:} + the unpadded base64 of a 32-byte digest. */
    static String ofDigest(byte[] digest) {
        return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    /** The fingerprint of arbitrary bytes (for tests against published SHA-256 vectors). */
    static String ofBytes(byte[] data) {
        return ofDigest(digest(data));
    }

    private static Optional<byte[]> parse(String text) {
        String s = text.trim();
        boolean prefixed = s.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        if (prefixed) {
            s = s.substring(PREFIX.length());
        }
        if (s.matches("[0-9A-Fa-f]{64}|([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}")) {
            return Optional.of(HexFormat.of().parseHex(s.replace(":", "")));
        }
        if (!prefixed) {
            return Optional.empty(); // bare base64 is too easy to confuse with other hashes
        }
        String b64 = s.endsWith("=") ? s.substring(0, s.length() - 1) : s;
        if (!b64.matches("[A-Za-z0-9+/]{43}")) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(b64);
        // Only the canonical spelling: the last character carries 2 unused bits, and two
        // spellings of one digest would make "is this line already in known_hosts" ambiguous.
        String canonical = Base64.getEncoder().withoutPadding().encodeToString(bytes);
        return canonical.equals(b64) ? Optional.of(bytes) : Optional.empty();
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            // A certificate that came through CertificateFactory always has an encoding.
            throw new IllegalArgumentException("certificate has no DER encoding", e);
        }
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
