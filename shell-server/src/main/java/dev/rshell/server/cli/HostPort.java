package dev.rshell.server.cli;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Formats an address as {@code HOST:PORT}, with IPv6 hosts in brackets and in their short
 * form ({@code [::1]:7022}, RFC 5952), as people type them; Java's own text is the long form
 * ({@code 0:0:0:0:0:0:0:1}).
 */
final class HostPort {

    private HostPort() {
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address v6
                ? "[" + shortForm(v6.getAddress()) + "]" : address.getAddress().getHostAddress();
        return host + ":" + address.getPort();
    }

    /** A host as configured ({@code bind}) and a port: brackets around an IPv6 literal. */
    static String format(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * RFC 5952 text of a 16-byte IPv6 address: lower-case hex groups without leading zeros, the
     * longest run of two or more zero groups (the first, on a tie) as {@code ::}; no scope.
     */
    static String shortForm(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLength - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
                b.append(':');
            }
            b.append(Integer.toHexString(groups[i]));
        }
        return b.toString();
    }
}
