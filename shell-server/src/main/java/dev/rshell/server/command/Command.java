package dev.rshell.server.command;

import java.util.List;

/**
 * A command a session can run: a built-in, or the OS-command runner. Commands know their
 * arguments, their {@link CommandContext} and its {@link OutputSink}; never a socket.
 *
 * <p>Threading: {@link #run} is called on the session's runner thread (foreground) or on a job
 * thread (background); only an {@link #instant()} command may also run on the thread that
 * reads the socket. It may block; it must end promptly when its thread is interrupted (the
 * session's {@code :interrupt}, a timeout, or the session closing), by throwing
 * {@link InterruptedException} or returning.
 */
public interface Command {

    /** The command word, e.g. {@code ls}. */
    String name();

    /** The usage line, e.g. {@code ls [-l] [-a] [PATH...]}. */
    String synopsis();

    /** One line saying what the command does, for {@code help}. */
    String description();

    /**
     * True when the command changes the session itself ({@code cd}, {@code export},
     * {@code unset}, {@code exit}): such commands can't run in the background.
     */
    default boolean changesSession() {
        return false;
    }

    /**
     * True when the command may take a while before it ends or writes (a sleep, a file on a
     * slow disk, an OS process): the runner then flushes earlier output before starting it,
     * so that output is not held back. Commands that finish at once (echo, pwd) answer false
     * and let a pipelined burst go out in one write.
     */
    default boolean mayBlock() {
        return !instant(); // an instant command never blocks
    }

    /**
     * True when the command ends at once, never waits for anything (a lock another session
     * holds, a process, a slow file), and touches only its own session: echo, pwd, cd. The
     * session may then run it on the thread that reads the socket when nothing else is queued,
     * saving the hand-off to a runner thread; while it runs, that thread reads nothing, which
     * is why a command that could take a while must answer false (the default).
     */
    default boolean instant() {
        return false;
    }

    /**
     * Runs the command.
     *
     * @param context the session as the command may see it
     * @param args    the words after the command word, already expanded
     * @return the exit status, 0 to 255
     * @throws InterruptedException when interrupted; the caller reports status 130 (or 124 when
     *                              a time limit did it)
     */
    int run(CommandContext context, List<String> args) throws InterruptedException;
}
