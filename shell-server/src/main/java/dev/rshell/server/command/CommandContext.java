package dev.rshell.server.command;

import java.nio.file.Path;
import java.util.Map;

/**
 * The session as one running command sees it: its output, the session's environment and
 * working directory, who is logged in. Built-ins need nothing else.
 *
 * <p>Thread safety: a context belongs to one command run. The session state behind it is
 * shared by the foreground command and background jobs; each accessor is atomic.
 */
public interface CommandContext {

    /** The command's number in its session ({@code N} in {@code out N}). */
    long commandNumber();

    /** Where the command writes. */
    OutputSink output();

    /**
     * The command's I/O: its input, its output ({@link #output()}) and its cancellation. The
     * default, for contexts without input, has none.
     */
    default CommandIo io() {
        return CommandIo.of(output());
    }

    /** The command's standard input ({@link CommandInput#NONE} when it has none). */
    default CommandInput input() {
        return io().input();
    }

    /** The logged-in user's name. */
    String user();

    /** The logged-in user's role name ({@code admin}, {@code operator}, {@code viewer}, ...). */
    String role();

    /** The user's home directory. */
    Path home();

    /** The session's working directory (absolute, normalized). */
    Path workingDirectory();

    /**
     * Changes the session's working directory and tells the client ({@code cwd PATH}); the
     * caller has checked that {@code directory} is an existing directory.
     */
    void changeDirectory(Path directory) throws InterruptedException;

    /** A path argument resolved against the working directory and normalized. */
    default Path resolve(String path) {
        return workingDirectory().resolve(path).normalize();
    }

    /** The value of a session variable, or null when unset. */
    String variable(String name);

    /** Sets a session variable (exported to OS commands). */
    void setVariable(String name, String value);

    /** Removes a session variable. */
    void unsetVariable(String name);

    /** A snapshot of the session's variables, sorted by name. */
    Map<String, String> variables();

    /** The commands this session may run, for {@code help}. */
    CommandRegistry commands();

    /**
     * The OS programs this session may run, for {@code help} and for the hint of a built-in
     * that shadows a program. The default, for contexts without OS programs, is none.
     */
    default Programs programs() {
        return Programs.NONE;
    }

    /**
     * Runs {@code argv} as an OS program, never as a built-in ({@code command NAME ARGS}): with
     * the same {@code exec} setting, role check, lookup, audit, statuses and I/O as a command
     * line whose first word is no built-in.
     *
     * @param argv the program word and its arguments, at least one word
     * @return the status, as for any OS command (126 refused, 127 not found)
     */
    default int runProgram(java.util.List<String> argv) throws InterruptedException {
        output().err("rshell: " + argv.get(0) + ": OS programs can't be run here");
        return 126;
    }

    /** Facts about the server for {@code hostname}, {@code uptime}, {@code sysinfo}. */
    ServerFacts server();

    /** True when this command runs in the background. */
    boolean background();

    /**
     * Whether this user's role may read {@code path} (after resolving it against the working
     * directory): file built-ins ask before they open or list anything. The server's own data
     * directory and configuration are never readable to roles other than admin.
     */
    boolean mayRead(Path path);

    /** What a new password must be ({@code password-min-length}); the server's settings decide. */
    default dev.rshell.config.user.PasswordPolicy passwordPolicy() {
        return dev.rshell.config.user.PasswordPolicy.DEFAULT;
    }

    /**
     * Changes the logged-in user's own password after checking the old one (same cost and
     * answer as a login, so it can't be used to guess faster).
     *
     * @return true when the old password was right and the new one is stored
     */
    boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException;

    /** A background command of this session, as {@code jobs} lists it. */
    record Job(long number, String line, java.time.Instant startedAt) {
    }

    /** The session's background commands still running, by number. */
    java.util.List<Job> jobs();

    /**
     * Interrupts background command {@code number} (it ends with 130).
     *
     * @return false when no such background command is running
     */
    boolean interruptJob(long number);

    /**
     * Waits until background command {@code number} has ended.
     *
     * @return its status, or empty when no such background command is running
     */
    java.util.OptionalInt awaitJob(long number) throws InterruptedException;

    /** The server-wide operations. */
    ServerControl control();

    /**
     * Asks the session to end after this command: its {@code end} line is written, then
     * {@code bye}. Used by {@code exit}.
     */
    void endSession();
}
