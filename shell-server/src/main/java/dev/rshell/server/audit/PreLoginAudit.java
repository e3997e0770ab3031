package dev.rshell.server.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A byte budget for the audit events of connections that have not logged in (their
 * {@code connect}, failed {@code login}, {@code refused} and {@code disconnect}): anyone who
 * can reach the port can cause those, as fast as they can connect, and without a bound they
 * would rotate every authenticated event out of the log.
 *
 * <p>Per window of {@link #WINDOW}, at most {@link #WINDOW_BYTES} of such lines are written
 * in all, and at most {@link #ADDRESS_BYTES} for one address. The events over budget are
 * counted instead; when a window in which any were left out is over, one {@code suppressed}
 * event says how many, since when, from how many addresses, and which {@link #TOP} addresses
 * caused most. So each window adds at most {@link #WINDOW_BYTES} plus one summary line of at
 * most {@link #SUMMARY_BYTES_MAX} to the log, whatever the flood. Events of logged-in
 * sessions, the server's own and logins that succeed never pass here.
 *
 * <p>A session hands its events over together with its {@code connect} when that was not
 * written yet ({@link #record(String, List)}), so that lines of one connection are kept or
 * left out together. Admitting a {@code connect} also pays {@link #CLOSE_RESERVE} for the
 * connection's {@code disconnect}, which {@link #recordPaid} then writes whatever the budget
 * says: a connection in the log always has its end there too.
 *
 * <p>Thread safety: thread-safe; the accounting is under this object's lock and the writes
 * happen outside it. A window ends at the first call after it is over, or at {@link #flush()},
 * which the server's timer calls once per window.
 */
public final class PreLoginAudit {

    /** The accounting period. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** Pre-login lines written per window, in all. */
    public static final long WINDOW_BYTES = 16 * 1024;
    /** Pre-login lines written per window for one address. */
    public static final long ADDRESS_BYTES = 4 * 1024;
    /** Addresses named in a {@code suppressed} event. */
    public static final int TOP = 8;
    /**
     * The longest {@code suppressed} line: its fixed members with the largest numbers, and
     * {@link #TOP} entries of an IPv6 address with a scope (at most 64 characters) and a count.
     */
    public static final long SUMMARY_BYTES_MAX = 220 + TOP * (64 + 21 + 4);
    /**
     * Paid in advance, when a connection's {@code connect} is admitted, for its
     * {@code disconnect}: the longest such line with a short reason. A longer one is charged
     * its excess in the window it is written in.
     */
    public static final long CLOSE_RESERVE = 320;
    /** Addresses followed per window; past it, new addresses share the global budget only. */
    static final int TRACKED_ADDRESSES_MAX = 4096;

    private final AuditSink sink;
    private final LongSupplier nanos;
    private final long windowNanos;
    private final long windowBytes;
    private final long addressBytes;
    // Guarded by this:
    private long windowStart;
    private long used;
    private final Map<String, long[]> byAddress = new HashMap<>();
    private long suppressedEvents;
    private long suppressedBytes;
    private int suppressedAddresses;
    private Instant suppressedSince;

    /** The server's budget, on {@link System#nanoTime()}. */
    public PreLoginAudit(AuditSink sink) {
        this(sink, System::nanoTime, WINDOW, WINDOW_BYTES, ADDRESS_BYTES);
    }

    PreLoginAudit(AuditSink sink, LongSupplier nanos, Duration window, long windowBytes, long addressBytes) {
        this.sink = sink;
        this.nanos = nanos;
        this.windowNanos = window.toNanos();
        this.windowBytes = windowBytes;
        this.addressBytes = addressBytes;
        this.windowStart = nanos.getAsLong();
    }

    /** Records {@code event}, caused by {@code address}, if the budget allows. */
    public boolean record(String address, AuditEvent event) {
        return record(address, List.of(event));
    }

    /**
     * Records {@code events}, caused by {@code address}, all or none, as the budget allows.
     *
     * @return true when they were written
     */
    public boolean record(String address, List<? extends AuditEvent> events) {
        long size = 0;
        for (AuditEvent event : events) {
            size += AuditFormat.line(event).length;
        }
        if (events.get(0) instanceof AuditEvent.Connected
                && !(events.get(events.size() - 1) instanceof AuditEvent.Disconnected)) {
            size += CLOSE_RESERVE; // the connection goes on: its disconnect comes later
        }
        AuditEvent summary;
        boolean admit;
        synchronized (this) {
            summary = rollIfOver();
            long[] counts = byAddress.get(address); // [bytes written, events left out]
            if (counts == null && byAddress.size() < TRACKED_ADDRESSES_MAX) {
                counts = new long[2];
                byAddress.put(address, counts);
            }
            admit = used + size <= windowBytes && (counts == null || counts[0] + size <= addressBytes);
            if (admit) {
                used += size;
                if (counts != null) {
                    counts[0] += size;
                }
            } else {
                if (suppressedSince == null) {
                    suppressedSince = events.get(0).at();
                }
                suppressedEvents += events.size();
                suppressedBytes += size;
                if (counts == null || counts[1] == 0) {
                    suppressedAddresses++;
                }
                if (counts != null) {
                    counts[1] += events.size();
                }
            }
        }
        if (summary != null) {
            sink.record(summary);
        }
        if (admit) {
            sink.recordAll(events);
        }
        return admit;
    }

    /**
     * Writes the {@code disconnect} of a connection whose {@code connect} was admitted: its
     * {@link #CLOSE_RESERVE} paid for it, so only a longer line costs the current window more.
     */
    public void recordPaid(String address, AuditEvent.Disconnected event) {
        long excess = Math.max(0, AuditFormat.line(event).length - CLOSE_RESERVE);
        AuditEvent summary;
        synchronized (this) {
            summary = rollIfOver();
            used += excess;
            long[] counts = byAddress.get(address);
            if (counts != null) {
                counts[0] += excess;
            }
        }
        if (summary != null) {
            sink.record(summary);
        }
        sink.record(event);
    }

    /** Ends the window if it is over, writing its {@code suppressed} event if one is due. */
    public void flush() {
        AuditEvent summary;
        synchronized (this) {
            summary = rollIfOver();
        }
        if (summary != null) {
            sink.record(summary);
        }
    }

    /** Writes the {@code suppressed} event of the window so far, if due; at shutdown. */
    public void close() {
        AuditEvent summary;
        synchronized (this) {
            summary = roll();
        }
        if (summary != null) {
            sink.record(summary);
        }
    }

    private AuditEvent rollIfOver() {
        return nanos.getAsLong() - windowStart >= windowNanos ? roll() : null;
    }

    private AuditEvent roll() {
        AuditEvent summary = null;
        if (suppressedEvents > 0) {
            List<Map.Entry<String, long[]>> worst = new ArrayList<>();
            for (Map.Entry<String, long[]> e : byAddress.entrySet()) {
                if (e.getValue()[1] > 0) {
                    worst.add(e);
                }
            }
            worst.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
            List<String> top = new ArrayList<>();
            for (Map.Entry<String, long[]> e : worst.subList(0, Math.min(TOP, worst.size()))) {
                top.add(e.getKey() + " " + e.getValue()[1]);
            }
            summary = new AuditEvent.Suppressed(Instant.now(), suppressedSince, suppressedEvents, suppressedBytes,
                    suppressedAddresses, top);
        }
        windowStart = nanos.getAsLong();
        used = 0;
        byAddress.clear();
        suppressedEvents = 0;
        suppressedBytes = 0;
        suppressedAddresses = 0;
        suppressedSince = null;
        return summary;
    }
}
