package dev.rshell.common.protocol;

/** Constants of the protocol that both sides need. */
public final class Protocol {
    /** The version word in a version 1 {@code hello}. */
    public static final String VERSION = "rshell/1";
    /** The version word in the {@code hello} of a server that speaks version 1.1 (see {@link Feature}). */
    public static final String VERSION_1_1 = "rshell/1.1";
    /** Default {@code max-line}: longest line in bytes, LF not counted. */
    public static final int DEFAULT_MAX_LINE = 65536;
    /** Default TCP port. */
    public static final int DEFAULT_PORT = 7022;

    private Protocol() {
    }

    /**
     * The minor version of a {@code hello}'s version word: 0 for {@code rshell/1}, N for
     * {@code rshell/1.N} (N ASCII digits); -1 for anything else, which this client does not speak.
     * Clients accept every version 1.N and must not insist on an exact one (protocol.md,
     * "Version 1.1"): later minor versions only add.
     */
    public static int minorVersion(String version) {
        if (version.equals(VERSION)) {
            return 0;
        }
        if (!version.startsWith(VERSION + ".")) {
            return -1;
        }
        String minor = version.substring(VERSION.length() + 1);
        if (minor.isEmpty() || minor.length() > 9) {
            return -1;
        }
        for (int i = 0; i < minor.length(); i++) {
            char c = minor.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Integer.parseInt(minor);
    }

    /** True when a client of version 1 can talk to a server greeting with {@code version}. */
    public static boolean speaksVersion1(String version) {
        return minorVersion(version) >= 0;
    }
}
