package dev.rshell.client.bench;

import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One benchmark client: one connection, at most {@code pipeline} commands in flight on it.
 *
 * <h2>Load model</h2>
 * The client thread ({@link #run}) writes: while fewer than {@code pipeline} commands are in
 * flight it stamps the next command's send time ({@link System#nanoTime}) in a ring slot and
 * buffers the line; when the pipeline is full it flushes and parks until a quarter of it
 * ({@link #refill}, at least one command) has ended, then refills. The connection's reader
 * thread ({@link #onLine}) counts {@code end} lines: it takes the stamp from the slot of the
 * command the line names, records {@code now - stamp} as that command's latency and frees the
 * slot; it wakes the writer only when the writer waits and enough commands have ended. So the
 * latency is from the write (the line entering the buffer that is flushed as soon as the
 * pipeline is full) to its {@code end}; with {@code --pipeline 1} every command waits for the
 * previous one's {@code end}, and a deep pipeline costs one wake-up and one write per refill
 * rather than per command, so the client is not what limits a fast server. Commands are
 * numbered 1, 2, 3 ... per connection, as the server numbers them; the first {@code warmup}
 * are not measured.
 *
 * <p>Every {@code end} is checked against the ring: one for a command not in flight (never sent,
 * or ended already) is a protocol error, so no command is counted twice. A command's slot is
 * reused only after its {@code end}; the ring has twice as many slots as the pipeline, and ends
 * come in order because commands run one after another (the bench refuses background
 * commands), so a slot still in use when it comes round again is an error too.
 *
 * <h2>Threading</h2>
 * Two threads: the client thread (writes; owns {@code sent}) and the connection's reader thread
 * (owns the recorder, the status counts and the ring's "ended" marks). Send stamps travel from
 * the writer to the reader through {@link AtomicLongArray} release/acquire. The reader's
 * volatile write of {@code ended} after each recording, read by the writer before it goes on,
 * carries the recordings to the writer; the writer's final wait for every {@code end},
 * followed by the main thread's join of the client thread, makes them visible to the main
 * thread. The wake-up is Dekker-style: the writer publishes what it waits for
 * ({@code wakeAt}, volatile) and then re-reads {@code ended}; the reader writes {@code ended}
 * and then reads {@code wakeAt}; so one of them always sees the other and no wake-up is lost.
 * The reader's ending ({@link #onClosed}) wakes the writer unconditionally.
 * {@link #measuredEnded()} is volatile, for the progress line.
 *
 * <p>Every wait is bounded by {@code timeout}: no {@code end} within it stops the client
 * ("timeout").
 */
final class LoadClient implements ServerListener {

    /** How long a finished client waits for the server's {@code bye} after {@code :quit}. */
    static final long QUIT_WAIT_MILLIS = 2000;
    /** {@code wakeAt} when the writer is not waiting. */
    private static final long NOT_WAITING = Long.MAX_VALUE;

    private final int id;
    private final ClientLine.CommandText command;
    private final int pipeline;
    private final int refill;
    private final long warmup;
    private final long measured;
    private final long timeoutNanos;
    private final int mask;
    private final AtomicLongArray sendTimes;
    /** The command number in each slot, 0 when free. */
    private final AtomicLongArray inFlight;
    private final LatencyRecorder latencies;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Endpoint.LoadChannel channel;
    private volatile Thread writer;
    /** The {@code ended} count the waiting writer needs, or {@link #NOT_WAITING}. */
    private volatile long wakeAt = NOT_WAITING;

    // Written by the reader thread only.
    private final long[] statusCounts = new long[256];
    private long nonZero;
    private volatile long measuredEnded;
    private volatile long lastEndNanos;
    private volatile long ended;
    private volatile ConnectionEnd end;
    private volatile String byeText;

    // Written by the client thread only.
    private long sent;
    private volatile boolean finishing;
    private boolean timedOut;
    private String writeFailure;

    /**
     * @param id          1-based, for messages
     * @param warmup      commands sent first and not measured
     * @param measured    commands measured, or {@link Long#MAX_VALUE} to send until the deadline
     * @param timeout     the longest wait for an {@code end}, in nanoseconds
     * @param exactCap    the most latencies this client keeps exactly
     */
    LoadClient(int id, String command, int pipeline, long warmup, long measured, long timeout, long exactCap) {
        this.id = id;
        this.command = new ClientLine.CommandText(command);
        this.pipeline = pipeline;
        this.refill = Math.max(1, pipeline / 4);
        this.warmup = warmup;
        this.measured = measured;
        this.timeoutNanos = timeout;
        int ring = Integer.highestOneBit(Math.max(1, pipeline) * 2 - 1) << 1;
        this.mask = ring - 1;
        this.sendTimes = new AtomicLongArray(ring);
        this.inFlight = new AtomicLongArray(ring);
        this.latencies = new LatencyRecorder(measured == Long.MAX_VALUE ? 0 : measured, exactCap);
    }

    /** Connects; the reader thread starts handing lines to this client. */
    void connect(Endpoint endpoint) throws dev.rshell.client.connect.SessionFailure {
        channel = endpoint.open(this);
    }

    /**
     * The client thread's whole work: warm-up, the barrier all clients pass together, the
     * measured commands, the wait for their ends, and the polite close.
     *
     * @param start       passed by every client once its warm-up ended; its action stamps the start
     * @param deadlineAt  a {@link System#nanoTime} after which no new command is sent, or null
     *                    for a count-bounded run; read once the barrier is passed
     */
    void run(CyclicBarrier start, java.util.function.LongSupplier deadlineAt) {
        writer = Thread.currentThread();
        boolean arrived = false;
        try {
            boolean ok = sendAll(warmup, null) && drain();
            arrived = true;
            awaitBarrier(start);
            if (ok) {
                Long deadline = deadlineAt == null ? null : deadlineAt.getAsLong();
                if (sendAll(measured, deadline)) {
                    drain();
                }
            }
        } catch (RuntimeException e) {
            // A bug: reported as this client's failure, never as a stack trace.
            writeFailure = "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } finally {
            if (!arrived) {
                awaitBarrier(start);
            }
            close();
        }
    }

    /**
     * Waits for the other clients' warm-up. Not timed: every client arrives, because its
     * warm-up is bounded by its count and {@code --timeout}, and a failed client arrives too.
     */
    private static void awaitBarrier(CyclicBarrier start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BrokenBarrierException e) {
            // Only an interrupted client breaks it; this one goes on, its figures stand.
        }
    }

    /** Sends {@code count} commands, keeping the pipeline full; false when the client must stop. */
    private boolean sendAll(long count, Long deadline) {
        try {
            for (long i = 0; i < count; i++) {
                if (deadline != null && System.nanoTime() - deadline >= 0) {
                    break;
                }
                if (end != null) {
                    return false;
                }
                if (sent - ended >= pipeline) {
                    channel.flush();
                    if (!awaitEnded(sent - pipeline + refill)) {
                        return false;
                    }
                }
                long n = sent + 1;
                int slot = (int) ((n - 1) & mask);
                if (inFlight.get(slot) != 0) {
                    writeFailure = "protocol error: command " + inFlight.get(slot)
                            + " has not ended although " + (n - inFlight.get(slot)) + " later ones were sent";
                    return false;
                }
                sendTimes.setRelease(slot, System.nanoTime());
                inFlight.setRelease(slot, n);
                sent = n;
                channel.send(command);
            }
            channel.flush();
            return true;
        } catch (IOException e) {
            if (end == null) {
                writeFailure = "connection lost while sending: " + Connection.describe(e);
            }
            return false;
        }
    }

    /** Waits until every command sent has ended; false when the client must stop. */
    private boolean drain() {
        return awaitEnded(sent);
    }

    /**
     * Parks until {@code count} commands have ended, giving up when no command at all ends for
     * the timeout (so slow commands in a deep pipeline don't count against it).
     *
     * @return true when they have; false when the connection ended, the wait timed out or the
     *         thread was interrupted
     */
    private boolean awaitEnded(long count) {
        if (ended >= count) {
            return end == null;
        }
        long seen = ended;
        long deadline = System.nanoTime() + timeoutNanos;
        wakeAt = count;
        try {
            while (ended < count && end == null) {
                long now = ended;
                if (now != seen) {
                    seen = now;
                    deadline = System.nanoTime() + timeoutNanos;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    timedOut = true;
                    return false;
                }
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            wakeAt = NOT_WAITING;
        }
        return end == null;
    }

    /** Says goodbye (bounded) and closes the connection. */
    private void close() {
        finishing = true;
        Endpoint.LoadChannel c = channel;
        if (c == null) {
            return;
        }
        if (end == null && !timedOut && writeFailure == null) {
            try {
                if (c.quit()) {
                    closed.await(QUIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (IOException e) {
                // closed below either way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        c.close();
    }

    /** Closes the connection at once (a failed start: other clients could not connect). */
    void abort() {
        finishing = true;
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        if (line instanceof ServerLine.End e) {
            onEnd(e, System.nanoTime());
        } else if (line instanceof ServerLine.No no) {
            throw new ProtocolViolation("the server answered a command with " + Text.quote(no.toWire()));
        } else if (line instanceof ServerLine.Hello h) {
            throw new ProtocolViolation("unexpected " + Text.quote(h.toWire()));
        } else if (line instanceof ServerLine.Bye b) {
            byeText = b.text();
        }
        // out, err, cwd, bg, msg, ok: not counted.
    }

    private void onEnd(ServerLine.End e, long now) throws ProtocolViolation {
        long n = e.command();
        int slot = (int) ((n - 1) & mask);
        if (n < 1 || inFlight.getAcquire(slot) != n) {
            throw new ProtocolViolation("end for command " + n + ", which is not in flight (never sent, or ended already)");
        }
        long latency = now - sendTimes.getAcquire(slot);
        inFlight.setRelease(slot, 0);
        if (n > warmup) {
            latencies.record(latency);
            int status = e.status();
            if (status != 0) {
                nonZero++;
                statusCounts[status & 0xff]++;
            }
            lastEndNanos = now;
            measuredEnded = measuredEnded + 1;
        }
        long done = ended + 1;
        ended = done;
        if (done >= wakeAt) {
            wake();
        }
    }

    @Override
    public void onClosed(ConnectionEnd how) {
        end = how;
        wake();
        closed.countDown();
    }

    private void wake() {
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Measured commands that ended so far; for the progress line, from any thread. */
    long measuredEnded() {
        return measuredEnded;
    }

    /** The {@link System#nanoTime} of the last measured {@code end}, 0 if none. */
    long lastEndNanos() {
        return lastEndNanos;
    }

    LatencyRecorder latencies() {
        return latencies;
    }

    /** What went wrong on this client; call after {@link #run} returned. */
    ErrorCounts errors() {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int s = 1; s < statusCounts.length; s++) {
            if (statusCounts[s] > 0) {
                statuses.put(s, statusCounts[s]);
            }
        }
        long unanswered = Math.max(0, sent - ended);
        long protocol = 0;
        long disconnects = 0;
        long timeouts = 0;
        String problem = null;
        ConnectionEnd e = end;
        if (writeFailure != null && writeFailure.startsWith("protocol error")) {
            protocol = 1;
            problem = writeFailure;
        } else if (e instanceof ConnectionEnd.Violation v) {
            protocol = 1;
            problem = "protocol error: " + v.reason();
        } else if (timedOut) {
            timeouts = 1;
            problem = "no end within --timeout " + seconds(timeoutNanos) + " (" + unanswered + " in flight)";
        } else if (writeFailure != null) {
            disconnects = 1;
            problem = writeFailure;
        } else if (e instanceof ConnectionEnd.Lost l && (!finishing || unanswered > 0)) {
            disconnects = 1;
            problem = "connection lost: " + l.reason();
        } else if (e instanceof ConnectionEnd.EndOfStream && (!finishing || unanswered > 0)) {
            disconnects = 1;
            problem = "connection closed by the server" + (byeText == null ? "" : " (bye " + byeText + ")");
        }
        if (unanswered > 0 && problem == null) {
            disconnects = 1;
            problem = "connection ended with commands in flight";
        }
        return new ErrorCounts(nonZero, statuses, protocol, disconnects, timeouts, unanswered,
                problem == null ? null : "client " + id + ": " + problem);
    }

    private static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000_000, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
