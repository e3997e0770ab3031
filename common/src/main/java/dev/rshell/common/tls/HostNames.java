package dev.rshell.common.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;

/**
 * Tells IP literals from DNS names without ever asking DNS: a certificate's SAN entries and a
 * client's SNI name must depend only on what the user typed, not on what a resolver answers.
 */
final class HostNames {

    private HostNames() {
    }

    /**
     * The address an IP literal denotes, or empty for anything else. Accepts IPv4 dotted quads
     * and IPv6 in any RFC 4291 form, with or without {@code [..]} and a {@code %zone} (the zone is
     * dropped: it names a local interface, not the host).
     */
    static Optional<InetAddress> ipLiteral(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0 && s.indexOf(':') >= 0) {
            s = s.substring(0, zone);
        }
        // BouncyCastle's checks are purely syntactic; only then is InetAddress safe to call,
        // because for a literal it parses and never resolves.
        if (!IPAddress.isValidIPv4(s) && !IPAddress.isValidIPv6(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} is an IP literal (see {@link #ipLiteral(String)}). */
    static boolean isIpLiteral(String text) {
        return ipLiteral(text).isPresent();
    }

    /**
     * A DNS name in the form certificates and SNI carry it: ASCII (IDN-encoded), lower case,
     * no trailing dot.
     *
     * @throws IllegalArgumentException when the name is empty or not a valid host name
     */
    static String dnsName(String text) {
        String s = text.trim();
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty host name: \"" + text + "\"");
        }
        String ascii;
        try {
            // Without STD3 rules so that LAN names with '_' (common on Windows) still work;
            // the check below keeps everything else to letters, digits, '-' and '.'.
            ascii = java.net.IDN.toASCII(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid host name: \"" + text + "\"", e);
        }
        if (!ascii.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException("not a valid host name: \"" + text + "\"");
        }
        return ascii.toLowerCase(Locale.ROOT);
    }
}
