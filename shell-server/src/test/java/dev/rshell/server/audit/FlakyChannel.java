package dev.rshell.server.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real file channel whose writes can be made to fail, tear or wait, as a full or stalled
 * disk would; the faults live in a shared {@link Faults} so they survive the audit log
 * reopening its file.
 */
final class FlakyChannel extends FileChannel {

    /** What the next writes do; all off by default. */
    static final class Faults {
        /** Every write throws this (after writing half its bytes when {@link #tear}). */
        volatile IOException failWrites;
        /** Every write throws this unchecked exception. */
        volatile RuntimeException failUnchecked;
        /** Write half of the bytes before failing, like a disk that fills mid-write. */
        volatile boolean tear;
        /** This many next writes fail, then writes work again. */
        final AtomicInteger failNext = new AtomicInteger();
        /**
         * This many next writes are interrupted part-way, as a real FileChannel is: the
         * channel closes, the writing thread's interrupt status is set, and the write throws
         * {@link ClosedByInterruptException}.
         */
        final AtomicInteger interruptNext = new AtomicInteger();
        /** Opening the file throws this. */
        volatile IOException failOpen;
        /** When set, writes wait for it first. */
        volatile CountDownLatch gate;
        /** Writers currently waiting at the gate. */
        final AtomicInteger atGate = new AtomicInteger();
        final AtomicInteger opens = new AtomicInteger();
        final AtomicInteger writes = new AtomicInteger();

        /** An opener for {@link AuditLog}'s test constructor. */
        LogFile.Opener opener() {
            return path -> open(path);
        }

        private FileChannel open(Path path) throws IOException {
            IOException failure = failOpen;
            if (failure != null) {
                throw failure;
            }
            opens.incrementAndGet();
            return new FlakyChannel(LogFile.openPrivate(path), this);
        }
    }

    private final FileChannel real;
    private final Faults faults;

    private FlakyChannel(FileChannel real, Faults faults) {
        this.real = real;
        this.faults = faults;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        CountDownLatch gate = faults.gate;
        if (gate != null) {
            faults.atGate.incrementAndGet();
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    throw new IOException("test gate never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } finally {
                faults.atGate.decrementAndGet();
            }
        }
        faults.writes.incrementAndGet();
        if (faults.interruptNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Thread.currentThread().interrupt();
            close();
            throw new ClosedByInterruptException();
        }
        RuntimeException unchecked = faults.failUnchecked;
        if (unchecked != null) {
            throw unchecked;
        }
        IOException failure = faults.failWrites;
        if (failure == null && faults.failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            failure = new IOException("injected one-off failure");
        }
        if (failure != null) {
            if (faults.tear && src.remaining() > 1) {
                ByteBuffer half = src.duplicate();
                half.limit(half.position() + src.remaining() / 2);
                real.write(half);
            }
            throw failure;
        }
        return real.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += write(srcs[i]);
        }
        return n;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return real.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return real.read(dsts, offset, length);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return real.transferFrom(src, position, count);
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return real.read(dst, position);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        throw new UnsupportedOperationException("the audit log only appends");
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return real.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
