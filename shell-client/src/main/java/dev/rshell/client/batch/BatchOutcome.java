package dev.rshell.client.batch;

/** How a batch run ended; the caller maps it to the process status. */
public sealed interface BatchOutcome {

    /** Every command sent got its end; {@code status} is the last command's (0 if none). */
    record Completed(int status) implements BatchOutcome {
    }

    /** Connecting, logging in or the protocol failed, or an end is missing: status 255. */
    record Failed(String message) implements BatchOutcome {
    }

    /**
     * Standard output failed, and the run was stopped: {@code status} 141 for a broken pipe
     * (no {@code message}, as a shell says nothing of SIGPIPE), 255 for another write error.
     */
    record OutputFailed(int status, String message) implements BatchOutcome {
    }

    /** The script had a line the client won't send (see {@link Script}): status 2. */
    record ScriptError(String message) implements BatchOutcome {
    }
}
