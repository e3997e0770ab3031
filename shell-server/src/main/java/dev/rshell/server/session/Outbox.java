package dev.rshell.server.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The session's outgoing lines: a bounded byte buffer in front of the socket, written by
 * whichever thread flushes it.
 *
 * <p>Producers (the runner, job threads, process pumps, the reader thread answering control
 * lines) {@link #append} whole lines; nothing is written until someone calls {@link #flush()}.
 * The runner flushes when its queue drains, so a pipelined burst of commands costs one socket
 * write, not one per line. There is no writer thread: the first thread to flush becomes the
 * flusher and keeps writing until the buffer is empty, while others append behind it and
 * return at once. A producer that finds the buffer full flushes it itself or, while another
 * thread is flushing, waits: that wait is the backpressure that pauses a command whose client
 * does not read.
 *
 * <p>java.net has no write timeout, so {@link #writeStartedNanos()} exposes when the current
 * socket write began; the watchdog closes the socket when it has stalled too long, which fails
 * the write and unblocks everyone.
 *
 * <p>Thread safety: thread-safe; lines are appended whole under the lock, so lines of
 * different producers never mix their bytes. Socket writes happen outside the lock.
 */
final class Outbox {

    private static final int INITIAL = 512;
    /** Larger buffers left after a burst are dropped so an idle session holds little memory. */
    private static final int KEEP = 8 * 1024;

    private final OutputStream out;
    private final int capacity;
    private final Consumer<IOException> onFailure;
    private final Runnable beforeWrite;
    private final java.util.concurrent.atomic.LongAdder serverBytesOut;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private byte[] buffer;
    private int length;
    private byte[] spare;
    private boolean flushing;
    private boolean closed;
    /** The last line ({@code bye}) is in: later lines are dropped, so it stays last on the wire. */
    private boolean sealed;
    private volatile long writeStartedNanos;

    /**
     * @param out       the socket's output stream
     * @param capacity  bytes buffered before producers must wait (a single larger line is
     *                  still accepted into an empty buffer)
     * @param onFailure told once, on the failing thread, when a write fails
     * @param beforeWrite run by the flusher, without the lock, before each socket write: the
     *                  session records the audit events of the {@code end} lines about to go
     *                  out (see {@link PendingAudit})
     * @param serverBytesOut the server's count of bytes written to clients
     */
    Outbox(OutputStream out, int capacity, Consumer<IOException> onFailure, Runnable beforeWrite,
           java.util.concurrent.atomic.LongAdder serverBytesOut) {
        this.serverBytesOut = serverBytesOut;
        this.beforeWrite = beforeWrite;
        this.out = out;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /**
     * Appends one line (its LF is added here), blocking while the buffer is full. After
     * {@link #sendLast} the line is dropped.
     */
    void append(String line) throws InterruptedException {
        append(line, false);
    }

    private void append(String line, boolean last) throws InterruptedException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        lock.lockInterruptibly();
        try {
            while (!closed && !sealed && length > 0 && length + bytes.length + 1 > capacity) {
                if (flushing) {
                    drained.await();
                } else {
                    flushLocked();
                }
            }
            if (closed || sealed) {
                return;
            }
            ensure(bytes.length + 1);
            System.arraycopy(bytes, 0, buffer, length, bytes.length);
            length += bytes.length;
            buffer[length++] = '\n';
            sealed = last;
        } finally {
            lock.unlock();
        }
    }

    /** Appends one line and flushes. */
    void send(String line) throws InterruptedException {
        append(line);
        flush();
    }

    /**
     * Appends one line and flushes, for callers that must not stop half-way (the teardown
     * writing {@code bye}); an interrupt is kept for the caller to see.
     */
    void sendUninterruptibly(String line) {
        boolean interrupted = Thread.interrupted();
        try {
            send(line);
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Appends the connection's last line ({@code bye}) and flushes; lines appended after it,
     * by a command the teardown did not wait for (one the runner took from the queue just as
     * the session began to close), are dropped, since the protocol has nothing after
     * {@code bye}. Uninterruptible as {@link #sendUninterruptibly}.
     */
    void sendLast(String line) {
        boolean interrupted = Thread.interrupted();
        try {
            append(line, true);
            flush();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Writes everything appended so far, unless another thread is already writing (it writes
     * these lines too before it stops). Never waits for another flusher.
     */
    void flush() {
        lock.lock();
        try {
            if (!flushing && length > 0 && !closed) {
                flushLocked();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called with the lock held; releases it around each socket write. */
    private void flushLocked() {
        flushing = true;
        IOException failure = null;
        try {
            while (length > 0 && !closed) {
                byte[] chunk = buffer;
                int n = length;
                buffer = spare;
                spare = null;
                length = 0;
                lock.unlock();
                try {
                    beforeWrite.run();
                    writeStartedNanos = System.nanoTime();
                    out.write(chunk, 0, n);
                    out.flush();
                    serverBytesOut.add(n);
                } catch (IOException e) {
                    failure = e;
                } finally {
                    writeStartedNanos = 0;
                    lock.lock();
                }
                if (failure != null) {
                    closeLocked();
                    break;
                }
                if (spare == null && chunk.length <= KEEP) {
                    spare = chunk;
                }
            }
            if (buffer != null && buffer.length > KEEP && length == 0) {
                buffer = null;
            }
        } finally {
            flushing = false;
            drained.signalAll();
        }
        if (failure != null) {
            IOException reported = failure;
            lock.unlock();
            try {
                onFailure.accept(reported);
            } finally {
                lock.lock();
            }
        }
    }

    /**
     * Writes everything appended so far and waits, at most {@code nanos}, until it has been
     * handed to the socket, even when another thread is the flusher. The teardown uses it so
     * the last {@code end} lines and {@code bye} are out before the connection is half-closed.
     *
     * @return true when everything was written
     */
    boolean drain(long nanos) {
        long deadline = System.nanoTime() + nanos;
        boolean interrupted = false;
        lock.lock();
        try {
            while (!closed && (flushing || length > 0)) {
                if (!flushing) {
                    flushLocked();
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    drained.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return !closed;
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** When the socket write under way began ({@link System#nanoTime()}), or 0 if none. */
    long writeStartedNanos() {
        return writeStartedNanos;
    }

    /** Drops anything buffered and refuses further lines; wakes waiting producers. */
    void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private void closeLocked() {
        closed = true;
        buffer = null;
        spare = null;
        length = 0;
        drained.signalAll();
    }

    private void ensure(int more) {
        if (buffer == null) {
            buffer = new byte[Math.max(INITIAL, more)];
        } else if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
