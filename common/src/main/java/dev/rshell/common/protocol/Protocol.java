package dev.rshell.common.protocol;

/** Constants of protocol version 1 that both sides need. */
public final class Protocol {
    /** The version word in {@code hello}. */
    public static final String VERSION = "rshell/1";
    /** Default {@code max-line}: longest line in bytes, LF not counted. */
    public static final int DEFAULT_MAX_LINE = 65536;
    /** Default TCP port. */
    public static final int DEFAULT_PORT = 7022;

    private Protocol() {
    }
}
