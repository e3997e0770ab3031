package dev.rshell.server.session;

/**
 * The session as its command path sees it ({@link CommandRunner}, {@link CommandExecution},
 * {@link JobLauncher}, {@link SessionCommandContext}): its output, its logged-in shell, the
 * tables of running commands and their inputs, and the few ways it can be ended. Not the
 * socket, not the login, not the teardown's inner steps.
 *
 * <p>Thread safety: every method is safe from any of the session's threads.
 */
interface CommandHost {

    /** The session's id. */
    long id();

    /** The client's address. */
    String address();

    /** The logged-in shell; the command path only runs once there is one. */
    LoggedIn shell();

    /** Where command output goes. */
    Outbox outbox();

    /** What sessions share. */
    SessionServices services();

    /** The session's command lines waiting to run. */
    CommandQueue queue();

    /** The session's running commands. */
    CommandTable commandTable();

    /** The standard inputs of its commands. */
    InputTable inputs();

    /** The protocol features its client was granted. */
    GrantedFeatures features();

    /** True once the session has begun to close: nothing new may start. */
    boolean isClosing();

    /** Asked by {@code exit}: the runner closes the session after the command's {@code end}. */
    void endAfterCurrentCommand();

    /** True once {@code exit} asked for the end. */
    boolean endRequested();

    /** Ends the session saying {@code reason} in its {@code bye} (see {@link Session#close}). */
    void close(String reason);

    /** Ends the session at once: no thread to carry it on (see {@link Session#abort}). */
    void abort(String reason);

    /** Changes the logged-in user's password after checking the old one, as a login would. */
    boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException;
}
