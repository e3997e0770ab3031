package dev.rshell.server.session;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A command of a session from the moment it is dispatched until its {@code end} line: what
 * {@code :interrupt}, time limits and the teardown act on.
 *
 * <p>Cancelling records the status the command must end with (130 interrupted, 124 timed
 * out) and interrupts the thread running it; the command's code turns the interrupt into
 * that status. A background job that has not started yet is cancelled before it runs.
 *
 * <p>Thread safety: thread-safe. {@link #finish()} and {@link #cancelWith} serialise on this
 * object, so a cancel either reaches a command that has not finished, or answers false; it can
 * never interrupt the next command the same thread runs.
 */
final class RunningCommand {

    private final long number;
    private final String line;
    private final boolean background;
    private final Instant startedAt = Instant.now();
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread thread;
    private boolean finished;
    private int cancelStatus;
    private volatile int endStatus = -1;
    private volatile CommandOutput output;

    RunningCommand(long number, String line, boolean background) {
        this.number = number;
        this.line = line;
        this.background = background;
    }

    long number() {
        return number;
    }

    String line() {
        return line;
    }

    boolean background() {
        return background;
    }

    Instant startedAt() {
        return startedAt;
    }

    /** The command's output, once it has one. */
    void output(CommandOutput commandOutput) {
        output = commandOutput;
    }

    /**
     * Drops the command's output still queued for the client, and all it writes from now on
     * (see {@link CommandOutput#dropQueued()}); the number of queued lines dropped.
     */
    int dropOutput() {
        CommandOutput o = output;
        return o == null ? 0 : o.dropQueued();
    }

    /** Binds the command to the thread that runs it; false if it was cancelled before. */
    synchronized boolean attach(Thread runner) {
        thread = runner;
        return cancelStatus == 0;
    }

    /**
     * Ends the command with {@code status} unless it already finished; {@code beforeInterrupt}
     * runs first, under this object's lock (the {@code ok} of {@code :interrupt} goes out
     * before the command's {@code end} this way).
     *
     * @return false when the command had already finished
     */
    synchronized boolean cancelWith(int status, Runnable beforeInterrupt) {
        if (finished) {
            return false;
        }
        if (cancelStatus == 0) {
            cancelStatus = status;
        }
        beforeInterrupt.run();
        if (thread != null) {
            thread.interrupt();
        }
        return true;
    }

    /** The status a cancel asked for, or 0 when not cancelled. */
    synchronized int cancelStatus() {
        return cancelStatus;
    }

    /** Marks the command finished: no later cancel reaches its thread. Call before {@code end}. */
    synchronized void finish() {
        finished = true;
        thread = null;
    }

    /** Called once the {@code end} line is queued. */
    void ended() {
        done.countDown();
    }

    /** Records the status the {@code end} line carries; call before {@link #ended()}. */
    void endStatus(int status) {
        endStatus = status;
    }

    /** The status of the {@code end} line, or -1 before the command ended. */
    int endStatus() {
        return endStatus;
    }

    /** Waits until the command's {@code end} is queued, at most the given time. */
    boolean awaitEnded(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }
}
