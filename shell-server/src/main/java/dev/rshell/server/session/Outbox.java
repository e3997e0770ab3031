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
 * <p>The flusher hands the socket at most {@value #WRITE_PIECE} bytes per write, so that what
 * is still unwritten stays in the buffer where {@link #discard} can reach it: after an
 * {@code :interrupt} the command's queued output is dropped instead of delaying its
 * {@code end}. Only the piece being written, and what the kernel already holds, still go out.
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
    /** Most bytes handed to the socket in one write: the part a discard can't take back. */
    static final int WRITE_PIECE = 8 * 1024;
    /** Larger buffers left after a burst are dropped so an idle session holds little memory. */
    private static final int KEEP = 8 * 1024;

    private final OutputStream out;
    private final int capacity;
    private final Consumer<IOException> onFailure;
    private final Runnable beforeWrite;
    private final java.util.concurrent.atomic.LongAdder serverBytesOut;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    /** Unwritten lines are {@code buffer[head, length)}; guarded by {@link #lock}. */
    private byte[] buffer;
    private int head;
    private int length;
    /** While flushing, {@code buffer[head, writing)} is being written: never moved or dropped. */
    private int writing;
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

    /**
     * Appends one line of a command's output, unless {@code source} has been muted by
     * {@link #discard} (checked under the lock, so no line of it can follow the discard).
     */
    void append(String line, Muted source) throws InterruptedException {
        append(line, false, source);
    }

    private void append(String line, boolean last) throws InterruptedException {
        append(line, last, null);
    }

    private void append(String line, boolean last, Muted source) throws InterruptedException {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        lock.lockInterruptibly();
        try {
            // The piece being written does not count: it has left, as far as producers care.
            while (!closed && !sealed && queued() > 0 && queued() + bytes.length + 1 > capacity) {
                if (flushing) {
                    drained.await();
                } else {
                    flushLocked();
                }
            }
            if (closed || sealed || (source != null && source.muted)) {
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

    /** Bytes waiting for a write to start; caller holds the lock. */
    private int queued() {
        return length - (flushing ? writing : head);
    }

    /**
     * A command's output as the outbox sees it: once muted by {@link #discard}, its lines are
     * dropped. Written under the outbox's lock, read under it too (and without it as a hint).
     */
    static class Muted {
        volatile boolean muted;
    }

    /**
     * Mutes {@code source} and drops every line not yet handed to the socket that starts with
     * one of {@code prefixes} (a command's {@code "out N "} and {@code "err N "}). The part of
     * a line already being written is kept, so framing holds.
     *
     * @return the number of lines dropped
     */
    int discard(Muted source, String... prefixes) {
        lock.lock();
        try {
            source.muted = true;
            if (buffer == null || length <= head) {
                return 0;
            }
            int read = flushing ? writing : head;
            if (read > head && buffer[read - 1] != '\n') {
                // A line cut by the piece being written: its rest must follow it.
                while (read < length && buffer[read] != '\n') {
                    read++;
                }
                read = Math.min(length, read + 1);
            }
            int write = read;
            int dropped = 0;
            while (read < length) {
                int end = read;
                while (buffer[end] != '\n') {
                    end++;
                }
                end++; // every appended line ends with its LF
                if (startsWithAny(read, end, prefixes)) {
                    dropped++;
                } else {
                    if (write != read) {
                        System.arraycopy(buffer, read, buffer, write, end - read);
                    }
                    write += end - read;
                }
                read = end;
            }
            length = write;
            if (dropped > 0) {
                drained.signalAll(); // room for producers waiting on a full buffer
            }
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    private boolean startsWithAny(int from, int to, String[] prefixes) {
        for (String prefix : prefixes) {
            int n = prefix.length(); // ASCII: one byte per char
            if (to - from >= n) {
                int i = 0;
                while (i < n && buffer[from + i] == (byte) prefix.charAt(i)) {
                    i++;
                }
                if (i == n) {
                    return true;
                }
            }
        }
        return false;
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
            if (!flushing && length > head && !closed) {
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
            while (length > head && !closed) {
                byte[] chunk = buffer;
                int from = head;
                int n = Math.min(length - head, WRITE_PIECE);
                writing = from + n;
                lock.unlock();
                try {
                    beforeWrite.run();
                    writeStartedNanos = System.nanoTime();
                    out.write(chunk, from, n);
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
                if (closed) {
                    break; // closed meanwhile: the buffer is gone
                }
                head = writing;
                if (head == length) {
                    head = 0;
                    length = 0;
                    if (buffer.length > KEEP) {
                        buffer = null; // an idle session holds little memory
                    }
                }
                drained.signalAll(); // room for producers waiting on a full buffer
            }
        } finally {
            flushing = false;
            writing = 0;
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
            while (!closed && (flushing || length > head)) {
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
        head = 0;
        length = 0;
        drained.signalAll();
    }

    private void ensure(int more) {
        if (buffer == null) {
            buffer = new byte[Math.max(INITIAL, more)];
            head = 0;
            length = 0;
            return;
        }
        if (length + more <= buffer.length) {
            return;
        }
        int unwritten = length - head;
        int size = unwritten + more <= buffer.length ? buffer.length : Math.max(buffer.length * 2, unwritten + more);
        if (flushing) {
            // The flusher reads its piece from the old array outside the lock: copy to a new
            // one, and move the mark of its piece with the bytes.
            byte[] moved = new byte[size];
            System.arraycopy(buffer, head, moved, 0, unwritten);
            buffer = moved;
            writing -= head;
        } else if (size == buffer.length) {
            System.arraycopy(buffer, head, buffer, 0, unwritten);
        } else {
            byte[] grown = new byte[size];
            System.arraycopy(buffer, head, grown, 0, unwritten);
            buffer = grown;
        }
        head = 0;
        length = unwritten;
    }
}
