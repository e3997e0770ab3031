package dev.rshell.server.audit;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The audit log file, DATA_DIR/audit.log: one JSON line per event (see {@link AuditFormat}),
 * rotated by size (see {@link AuditLogSettings}), readable by its owner only.
 *
 * <h2>When a line is on disk</h2>
 * {@link #record} returns only after the event's line has been written to the file, that is
 * handed to the OS with {@code write}: it survives the server process being killed at any
 * moment after. It is not forced to the disk (a power cut may lose the last lines) unless
 * {@code audit-fsync} is set; the session acknowledges an event to the client after
 * {@code record} returns.
 *
 * <h2>Group commit</h2>
 * No thread of its own: the callers write. Each caller encodes its line on its own thread,
 * queues it under a lock and takes a sequence number. If nobody is writing, it becomes the
 * writer: it takes every line queued so far, releases the lock, writes them all in one
 * {@code write} call (one per 64 KiB), and marks them done. Callers that arrive meanwhile
 * queue up and wait until their number is done; when the writer finishes, one of them writes
 * the next batch. A lone caller thus writes its own line at once, with no hand-off to another
 * thread and no timer; under load, one {@code write} (and with fsync one {@code force})
 * serves many callers.
 *
 * <h2>Bounds</h2>
 * Lines waiting for the writer may hold at most {@code audit-pending-bytes}; a caller whose
 * line does not fit waits until the writer takes the queue (backpressure), except that a
 * line always fits an empty queue. Memory is thus at most twice that bound (the queue and
 * the batch being written), one 64 KiB buffer, and one line per caller waiting for space.
 *
 * <h2>When the file can't be written</h2>
 * The server keeps serving (fail open): an audit log that stops every session when the disk
 * fills would turn a full disk into an outage. A failed batch is retried once on a reopened
 * file (this also recovers from an interrupt, which closes a {@code FileChannel}); if that
 * fails too, its events are lost, {@link #record} returns normally, {@link #healthy()} turns
 * false and one line goes to stderr: {@code rshell-server: audit log: write failed: ...}.
 * Later events keep trying; the first that succeeds prints a line saying how many were lost.
 * Code that must not act unaudited can check {@link #healthy()} first.
 *
 * <h2>Thread safety</h2>
 * {@link #record}, {@link #healthy()}, {@link #lostEvents()} and {@link #close()} may be
 * called from any thread at any time. {@code record} blocks only for the file write (its own
 * batch and at most the one before) or for queue space; it never throws for I/O and it
 * ignores interrupts while waiting (the caller's interrupt status is kept). After
 * {@code close}, {@code record} does nothing.
 */
public final class AuditLog implements AuditSink, AutoCloseable {

    /** The audit log's name in the data directory. */
    public static final String FILE_NAME = "audit.log";
    /** The start of every message this class prints. */
    static final String PREFIX = "rshell-server: audit log: ";

    private final Path file;
    private final int maxPendingBytes;
    private final PrintStream stderr;
    /** Touched only by the current writer (see {@link #writing}). */
    private final LogFile log;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when a batch is done. */
    private final Condition done = lock.newCondition();
    /** Signalled when the writer has taken the queue, or finished. */
    private final Condition space = lock.newCondition();
    // Guarded by lock:
    private ArrayList<byte[]> queue = new ArrayList<>();
    private ArrayList<byte[]> spare = new ArrayList<>();
    private long queuedBytes;
    private long lastQueued;
    private long lastDone;
    private boolean writing;
    private int waitingForSpace;
    private volatile boolean closed;

    // Written only by the current writer; read by anyone.
    private volatile boolean healthy = true;
    private final AtomicLong lost = new AtomicLong();
    private long lostAtFailure;

    /**
     * Opens DATA_DIR/audit.log with the settings' {@code audit-max-bytes} and
     * {@code audit-keep} (other limits at their defaults), reporting to {@link System#err}.
     *
     * @throws ConfigException naming data-dir and the file when it can't be opened: the server
     *                         then stops at start, as for any unusable data directory, rather
     *                         than serving from the first minute without an audit trail
     */
    public static AuditLog open(ServerSettings settings) {
        Path file = settings.dataDir().resolve(FILE_NAME);
        AuditLogSettings limits = AuditLogSettings.DEFAULTS
                .withRotation(settings.auditMaxBytes(), settings.auditKeep());
        try {
            return new AuditLog(file, limits);
        } catch (IOException e) {
            throw new ConfigException("data-dir: can't open the audit log " + file + ": " + describe(e));
        }
    }

    /**
     * Opens {@code file} with the default limits, reporting to {@link System#err}.
     *
     * @throws IOException if the file can't be created or opened: found at start, not later
     */
    public AuditLog(Path file) throws IOException {
        this(file, AuditLogSettings.DEFAULTS);
    }

    /** Opens {@code file} with {@code settings}, reporting to {@link System#err}. */
    public AuditLog(Path file, AuditLogSettings settings) throws IOException {
        this(file, settings, System.err);
    }

    /**
     * @param file     DATA_DIR/audit.log; created (0600 where POSIX) if missing, appended to
     * @param settings rotation, queue bound, fsync
     * @param stderr   where write failures and recoveries are reported
     * @throws IOException if the file can't be created or opened
     */
    public AuditLog(Path file, AuditLogSettings settings, PrintStream stderr) throws IOException {
        this(file, settings, stderr, LogFile::openPrivate);
    }

    /** As the public constructor, with a seam to open the file (tests inject failures). */
    AuditLog(Path file, AuditLogSettings settings, PrintStream stderr, LogFile.Opener opener)
            throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        this.maxPendingBytes = settings.maxPendingBytes();
        this.stderr = Objects.requireNonNull(stderr, "stderr");
        this.log = new LogFile(file, settings, opener);
        log.open();
    }

    /**
     * Writes the event's line and returns once it is in the file (or, if the file can't be
     * written, once that is reported; see the class comment). Does nothing after close.
     */
    @Override
    public void record(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        if (!closed) {
            enqueueAndWait(new byte[][] {AuditFormat.line(event)});
        }
    }

    /**
     * Writes the events' lines, in order, and returns once all of them are in the file (see
     * {@link #record}); a batch queued together usually goes out in one {@code write}.
     */
    @Override
    public void recordAll(List<? extends AuditEvent> events) {
        if (closed || events.isEmpty()) {
            return;
        }
        byte[][] lines = new byte[events.size()][];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = AuditFormat.line(Objects.requireNonNull(events.get(i), "event"));
        }
        enqueueAndWait(lines);
    }

    /** Queues the lines (encoded outside the lock: callers encode in parallel) and waits until written. */
    private void enqueueAndWait(byte[][] lines) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long mine = 0;
            for (byte[] line : lines) {
                awaitSpace(line.length);
                queue.add(line);
                queuedBytes += line.length;
                mine = ++lastQueued;
            }
            while (lastDone < mine) {
                if (writing) {
                    done.awaitUninterruptibly();
                } else {
                    writeQueue();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** False from a failed write until the next successful one. */
    public boolean healthy() {
        return healthy;
    }

    /** Events that could not be written since this log was opened. */
    public long lostEvents() {
        return lost.get();
    }

    /** Bytes of lines waiting for the writer (not counting the batch being written); for tests. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** The file written to. */
    public Path file() {
        return file;
    }

    /**
     * Writes every queued line (including those of callers waiting for queue space) and
     * closes the file. Idempotent; later {@link #record} calls do nothing.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            while (writing || !queue.isEmpty() || waitingForSpace > 0) {
                if (!writing && !queue.isEmpty()) {
                    writeQueue();
                } else {
                    done.awaitUninterruptibly();
                }
            }
            try {
                log.close();
            } catch (IOException e) {
                stderr.println(PREFIX + "close failed: " + file + ": " + describe(e));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits, holding the lock between waits, until {@code length} more bytes fit the queue. */
    private void awaitSpace(int length) {
        if (fits(length)) {
            return;
        }
        waitingForSpace++;
        try {
            while (!fits(length)) {
                if (writing) {
                    space.awaitUninterruptibly();
                } else {
                    writeQueue(); // nobody is writing: don't wait for a follower to wake up
                }
            }
        } finally {
            waitingForSpace--;
        }
    }

    private boolean fits(int length) {
        return queue.isEmpty() || queuedBytes + length <= maxPendingBytes;
    }

    /**
     * Called holding the lock, with nobody writing and the queue not empty: takes the whole
     * queue, writes it without the lock, and marks it done. Returns holding the lock.
     */
    private void writeQueue() {
        writing = true;
        ArrayList<byte[]> batch = queue;
        long last = lastQueued;
        queue = spare;
        spare = null;
        queuedBytes = 0;
        if (waitingForSpace > 0) {
            space.signalAll();
        }
        lock.unlock();
        try {
            write(batch);
        } finally {
            lock.lock();
            batch.clear();
            spare = batch;
            lastDone = last;
            writing = false;
            done.signalAll();
            if (waitingForSpace > 0) {
                space.signalAll(); // one of them may become the next writer
            }
        }
    }

    /** Writes a batch, retrying once on a reopened file; reports and counts a failure. */
    private void write(List<byte[]> batch) {
        // FileChannel closes itself when a thread with its interrupt status set writes to it;
        // the interrupt is meant for the caller's command, not for the audit file.
        boolean interrupted = Thread.interrupted();
        try {
            LogFile.Cursor cursor = new LogFile.Cursor();
            Exception failure = null;
            for (int attempt = 0; attempt < 2 && cursor.next < batch.size(); attempt++) {
                // An interrupt that landed inside the first attempt closed the channel and set
                // the status again: cleared, or the reopened channel would close at once too.
                interrupted |= Thread.interrupted();
                try {
                    log.append(batch, cursor);
                    failure = null;
                } catch (IOException | RuntimeException e) {
                    // RuntimeException too (a file system provider's unchecked failure):
                    // whatever the file does, it must not throw into a session.
                    failure = e;
                    log.abandon();
                }
            }
            if (failure == null) {
                succeeded();
            } else {
                failed(failure, batch.size() - cursor.next);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void succeeded() {
        if (!healthy) {
            healthy = true;
            stderr.println(PREFIX + "writing again; " + (lost.get() - lostAtFailure)
                    + " event(s) were not recorded");
        }
    }

    private void failed(Exception e, int lostLines) {
        if (healthy) {
            healthy = false;
            lostAtFailure = lost.get();
            stderr.println(PREFIX + "write failed: " + file + ": " + describe(e)
                    + " (events are not recorded until writing works again)");
        }
        lost.addAndGet(lostLines);
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
