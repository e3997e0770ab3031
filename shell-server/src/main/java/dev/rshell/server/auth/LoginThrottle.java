package dev.rshell.server.auth;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Slows down and then blocks addresses that keep failing to log in.
 *
 * <p>Each failed login from an address makes the next answer to that address wait longer
 * ({@code auth-delay}, doubling per failure, at most {@code auth-delay-max}); after
 * {@code auth-block-after} failures within {@code auth-block-window} the address is refused
 * outright for {@code auth-block-time}. A successful login does not clear the record (else a
 * user with an account could log in between guesses and never be blocked); failures expire
 * with the window. Other addresses are never affected: a guesser on one machine can't lock out users elsewhere.
 *
 * <p>Memory is bounded: at most {@value #MAX_TRACKED} addresses are tracked; when full, expired
 * records are dropped first, and if none has expired the newest failure is not tracked (the
 * attempt still costs the attacker a full Argon2 verification and the per-connection limit).
 *
 * <p>Thread safety: thread-safe; records are updated atomically per address.
 */
public final class LoginThrottle {

    /** Most addresses tracked at once. */
    static final int MAX_TRACKED = 100_000;

    private final long baseDelayNanos;
    private final long maxDelayNanos;
    private final int blockAfter;
    private final long windowNanos;
    private final long blockNanos;
    private final LongSupplier clock;
    private final Map<String, Record> records = new ConcurrentHashMap<>();

    /** What the throttle says about an address before a login or connection. */
    public sealed interface Verdict {
        /** The address may try. */
        record Allowed() implements Verdict {
        }

        /** The address is blocked for this long still. */
        record Blocked(Duration remaining) implements Verdict {
        }
    }

    private record Record(int failures, long firstFailureNanos, long blockedUntilNanos) {
    }

    /**
     * @param baseDelay  delay after the first failure
     * @param maxDelay   longest delay
     * @param blockAfter failures within {@code window} that block the address
     * @param window     how long failures count
     * @param blockTime  how long a block lasts
     * @param clock      nanosecond clock ({@link System#nanoTime} in production)
     */
    public LoginThrottle(Duration baseDelay, Duration maxDelay, int blockAfter, Duration window,
                         Duration blockTime, LongSupplier clock) {
        this.baseDelayNanos = baseDelay.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.blockAfter = blockAfter;
        this.windowNanos = window.toNanos();
        this.blockNanos = blockTime.toNanos();
        this.clock = clock;
    }

    /** Whether {@code address} may try to log in now. */
    public Verdict check(String address) {
        Record r = records.get(address);
        long now = clock.getAsLong();
        if (r != null && r.blockedUntilNanos() - now > 0) {
            return new Verdict.Blocked(Duration.ofNanos(r.blockedUntilNanos() - now));
        }
        return new Verdict.Allowed();
    }

    /**
     * Records a failed login from {@code address}.
     *
     * @return how long to wait before answering it
     */
    public Duration failed(String address) {
        long now = clock.getAsLong();
        if (records.size() >= MAX_TRACKED && !records.containsKey(address)) {
            prune(now);
            if (records.size() >= MAX_TRACKED) {
                return Duration.ofNanos(baseDelayNanos);
            }
        }
        Record r = records.compute(address, (a, old) -> {
            if (old == null || now - old.firstFailureNanos() > windowNanos) {
                return new Record(1, now, 0);
            }
            int failures = old.failures() + 1;
            long blockedUntil = failures >= blockAfter ? now + blockNanos : old.blockedUntilNanos();
            return new Record(failures, old.firstFailureNanos(), blockedUntil);
        });
        int shift = Math.min(r.failures() - 1, 30);
        long delay = baseDelayNanos << shift;
        if (delay < 0 || delay > maxDelayNanos || (shift > 0 && delay >> shift != baseDelayNanos)) {
            delay = maxDelayNanos;
        }
        return Duration.ofNanos(delay);
    }

    private void prune(long now) {
        for (Iterator<Map.Entry<String, Record>> it = records.entrySet().iterator(); it.hasNext(); ) {
            Record r = it.next().getValue();
            if (now - r.firstFailureNanos() > windowNanos && r.blockedUntilNanos() - now <= 0) {
                it.remove();
            }
        }
    }
}
