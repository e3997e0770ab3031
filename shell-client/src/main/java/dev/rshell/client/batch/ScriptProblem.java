package dev.rshell.client.batch;

/**
 * A script the client won't send: a control line, an unreadable file, an over-long line. The
 * message names the place ({@code script.rsh:3: ...}); the client exits with status 2.
 */
public final class ScriptProblem extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message one line, starting with where the problem is */
    public ScriptProblem(String message) {
        super(message, null, false, false);
    }
}
