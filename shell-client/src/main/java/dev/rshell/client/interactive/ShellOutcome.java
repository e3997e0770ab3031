package dev.rshell.client.interactive;

/** How an interactive session ended, for the exit status (protocol.md's table). */
public sealed interface ShellOutcome {

    /** The user quit, or {@code exit} ended the session: the last command's status. */
    record Ended(int status) implements ShellOutcome {
    }

    /**
     * The session could not start or ended against the user's will (connection dropped, the
     * server went silent or ended the session, a protocol error): status 255.
     *
     * @param message one line without the "rshell: " prefix
     */
    record Failed(String message) implements ShellOutcome {
    }
}
