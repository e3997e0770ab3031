package dev.rshell.server.command;

/**
 * Where a command writes its output: whole lines, tagged stdout or stderr, sent to the client
 * as {@code out N TEXT} / {@code err N TEXT}.
 *
 * <p>Thread safety: implementations are thread-safe (a command's stdout and stderr may be
 * pumped by different threads). A call blocks while the session's outgoing buffer is full,
 * which is how a flooding command is paused; it throws {@link InterruptedException} if its
 * thread is interrupted meanwhile. After the session has closed, lines are dropped silently
 * (the command is being interrupted anyway).
 */
public interface OutputSink {

    /** Writes one line of standard output; {@code text} has no LF. Long text is split. */
    void out(String text) throws InterruptedException;

    /** Writes one line of standard error; {@code text} has no LF. Long text is split. */
    void err(String text) throws InterruptedException;

    /**
     * Sends what was written so far now, rather than when the command ends. Commands whose
     * output trickles in over time (an OS process, a follow) call it after each burst;
     * quick commands don't need it.
     */
    default void flush() {
    }
}
