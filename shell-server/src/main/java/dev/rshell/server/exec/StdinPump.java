package dev.rshell.server.exec;

import dev.rshell.server.command.CommandInput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies a command's standard input into its process's stdin pipe.
 *
 * <p>Threading: a write to a pipe blocks while the pipe is full, so it never happens on the
 * session's reader (which must keep answering {@code :interrupt} and {@code :ping}) nor on the
 * command's own thread (which pumps the process's output: a process blocked writing output
 * while we block writing its input is the classic pipe deadlock). It runs as a task on a
 * bounded pool of writers, and only while there is input to write: when the input is empty
 * the task returns and {@link CommandInput#whenReadable} schedules the next one, so an idle
 * command parks no thread. At most one task per command runs at a time.
 *
 * <p>Ending: at the end of input the pipe is closed (the program sees end of file). When the
 * program closes its stdin, further input is read and dropped, so the client's window keeps
 * moving and the program's own end decides. {@link #stop()} never blocks: it closes the pipe
 * at once when no write is under way, else the blocked write closes it once it returns. Such a
 * write is released when the reading end goes (EPIPE): the command's interrupt or the session's
 * teardown ends the process group; a descendant that holds stdin open without reading after
 * its program exited holds one writer until then.
 *
 * <p>Thread safety: thread-safe as described.
 */
final class StdinPump implements Runnable {

    private static final int CHUNK_BYTES = 64 * 1024;

    private final CommandInput input;
    private final OutputStream pipe;
    private final Executor writers;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Object lock = new Object();
    private volatile boolean stopped;
    private boolean writing; // guarded by lock
    private boolean closed; // guarded by lock
    private boolean broken;

    StdinPump(CommandInput input, OutputStream pipe, Executor writers) {
        this.input = input;
        this.pipe = pipe;
        this.writers = writers;
    }

    /** Starts copying; the first task runs as soon as input is there. */
    void start() {
        input.whenReadable(this::schedule);
    }

    /** Stops copying and closes the pipe. */
    void stop() {
        synchronized (lock) {
            stopped = true;
            if (writing) {
                return; // the write closes it when it returns; closing now would wait for it
            }
        }
        closePipe();
    }

    private void schedule() {
        if (stopped || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            writers.execute(this);
        } catch (RejectedExecutionException e) {
            // No writer free: the program gets end of file rather than a pipe nobody fills.
            scheduled.set(false);
            stop();
        }
    }

    @Override
    public void run() {
        byte[] chunk = new byte[CHUNK_BYTES];
        boolean more = true;
        try {
            while (!stopped) {
                int n = input.poll(chunk, 0, chunk.length);
                if (n < 0) {
                    stop();
                    more = false;
                    break;
                }
                if (n == 0) {
                    break;
                }
                write(chunk, n);
            }
        } finally {
            scheduled.set(false);
        }
        if (more && !stopped) {
            input.whenReadable(this::schedule);
        }
    }

    private void write(byte[] chunk, int n) {
        if (broken) {
            return; // the program closed its stdin: what it doesn't read is dropped
        }
        synchronized (lock) {
            if (stopped) {
                return;
            }
            writing = true;
        }
        try {
            pipe.write(chunk, 0, n);
            pipe.flush();
        } catch (IOException e) {
            broken = true;
        } finally {
            boolean close;
            synchronized (lock) {
                writing = false;
                close = stopped;
            }
            if (close) {
                closePipe();
            }
        }
    }

    private void closePipe() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            pipe.close();
        } catch (IOException ignored) {
            // already closed or broken: the program has its end of file either way
        }
    }
}
