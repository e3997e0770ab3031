package dev.rshell.server.session;

import dev.rshell.server.command.CommandInput;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * The standard input of one command started with {@code :stdin}: what the client sent for it
 * and has not been read yet, bounded by a window as SSH bounds a channel.
 *
 * <p>The client may send as many bytes as it was granted ({@code more N BYTES}); the first
 * grant is the whole {@link #WINDOW}. As the command reads, the bytes read are granted again,
 * in batches of a quarter window while more is waiting, or at once when it has read all there
 * is (a client may be waiting for room for its next piece), so what is held here
 * never exceeds the window, and a command that doesn't read simply stops getting more. A
 * client that sends past its grant has broken the protocol ({@link Offer#EXCEEDED}).
 *
 * <p>Threading: the session's reader feeds it ({@link #offer}, {@link #endOfInput}) and never
 * blocks here; the command's thread, or its stdin writer, reads. Grants are sent by whoever
 * read, outside the lock. {@link #close()} (the command ended) drops what is left and wakes a
 * waiting reader.
 *
 * <p>Thread safety: thread-safe.
 */
final class InputBuffer implements CommandInput {

    /** What the client may have in flight for one command, in bytes. */
    static final int WINDOW = 256 * 1024;

    /** How an offer went. */
    enum Offer {
        /** Taken (or dropped because the command has ended). */
        TAKEN,
        /** More than the client was granted: the session must end. */
        EXCEEDED
    }

    private final LongConsumer grant;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private long allowed = WINDOW;
    private long credit;
    private boolean eof;
    private boolean closed;
    private Runnable listener;

    /** @param grant sends {@code more N BYTES} for this command */
    InputBuffer(LongConsumer grant) {
        this.grant = grant;
    }

    /** Takes bytes the client sent ({@code :in}, {@code :in-}, {@code :inb}); reader only. */
    Offer offer(byte[] data) {
        Runnable wake;
        lock.lock();
        try {
            if (data.length > allowed) {
                return Offer.EXCEEDED;
            }
            allowed -= data.length;
            if (closed || eof || data.length == 0) {
                return Offer.TAKEN; // the command ended, or input after :eof: nothing reads it
            }
            chunks.add(data);
            buffered += data.length;
            readable.signalAll();
            wake = listener;
            listener = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
        return Offer.TAKEN;
    }

    /** The client sent {@code :eof}: once what is held is read, the command sees end of input. */
    void endOfInput() {
        ending(false);
    }

    /** The command has ended: what is held is dropped, and a waiting reader is woken. */
    void close() {
        ending(true);
    }

    private void ending(boolean close) {
        Runnable wake;
        lock.lock();
        try {
            eof = true;
            if (close) {
                closed = true;
                chunks.clear();
                buffered = 0;
            }
            readable.signalAll();
            wake = listener;
            listener = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.run();
        }
    }

    /** Bytes held, not read yet (for tests and the window's bound). */
    long buffered() {
        lock.lock();
        try {
            return buffered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws InterruptedException {
        int n;
        long toGrant;
        lock.lockInterruptibly();
        try {
            while (buffered == 0 && !eof) {
                readable.await();
            }
            n = take(buffer, offset, length);
            toGrant = grantable();
        } finally {
            lock.unlock();
        }
        sendGrant(toGrant);
        return n;
    }

    @Override
    public int poll(byte[] buffer, int offset, int length) {
        int n;
        long toGrant;
        lock.lock();
        try {
            if (buffered == 0) {
                return eof ? -1 : 0;
            }
            n = take(buffer, offset, length);
            toGrant = grantable();
        } finally {
            lock.unlock();
        }
        sendGrant(toGrant);
        return n;
    }

    @Override
    public void whenReadable(Runnable action) {
        lock.lock();
        try {
            if (buffered == 0 && !eof) {
                listener = action;
                return;
            }
        } finally {
            lock.unlock();
        }
        action.run();
    }

    @Override
    public boolean open() {
        return true;
    }

    /** Copies out what is held, up to {@code length}; -1 at the end. Under the lock. */
    private int take(byte[] buffer, int offset, int length) {
        if (buffered == 0) {
            return -1;
        }
        int copied = 0;
        while (copied < length && !chunks.isEmpty()) {
            byte[] head = chunks.peek();
            int n = Math.min(length - copied, head.length - headOffset);
            System.arraycopy(head, headOffset, buffer, offset + copied, n);
            copied += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.poll();
                headOffset = 0;
            }
        }
        buffered -= copied;
        credit += copied;
        return copied;
    }

    /** The window to give back now, if any; under the lock. */
    private long grantable() {
        // Everything read is given back at once: holding credit while the buffer is empty could
        // leave a client waiting for room for its next piece while we wait for more credit.
        if (closed || eof || credit == 0 || (credit < WINDOW / 4 && buffered > 0)) {
            return 0;
        }
        long g = credit;
        credit = 0;
        allowed += g;
        return g;
    }

    private void sendGrant(long bytes) {
        if (bytes > 0) {
            grant.accept(bytes);
        }
    }
}
