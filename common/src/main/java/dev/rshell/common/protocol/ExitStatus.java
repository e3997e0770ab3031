package dev.rshell.common.protocol;

/**
 * The exit statuses of protocol.md, shared by the server (in {@code end} lines) and the client
 * (as its own process status).
 */
public final class ExitStatus {
    /** Success. */
    public static final int OK = 0;
    /** The command failed. */
    public static final int FAILURE = 1;
    /** Usage or syntax error, line too long. */
    public static final int USAGE = 2;
    /** The command ran past its time limit. */
    public static final int TIMEOUT = 124;
    /** This user may not run this command. */
    public static final int NOT_PERMITTED = 126;
    /** No such command. */
    public static final int NOT_FOUND = 127;
    /** Interrupted, whatever signal the process got. */
    public static final int INTERRUPTED = 130;
    /** The client could not connect, authenticate, verify the server or follow the protocol. */
    public static final int CONNECTION_FAILURE = 255;

    private ExitStatus() {
    }
}
