package dev.rshell.server.net;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An absolute deadline for a connection that has not logged in yet: the TLS handshake, the
 * greeting and the login. A socket read timeout is no such deadline, since every byte that
 * arrives starts it afresh, so a peer sending one byte every few seconds would never time out.
 * This one is a task on the timer thread that ends the connection when the time is up,
 * whatever has arrived meanwhile, unless it was cancelled first (at login).
 *
 * <p>At the deadline the owner says what to do ({@link Expiry}): wait a little (a check already
 * under way), end the connection itself (a session that can still say {@code bye}), or have
 * the deadline cut it by shutting the socket's input, so that the thread reading it sees the
 * end of the stream at once and tears the connection down. Either way, if the connection is
 * still open {@link #HARD_CLOSE_AFTER} later (its teardown is stuck writing to a peer that
 * does not read), the socket is closed.
 *
 * <p>{@link #cutNow()} does the same at once, for a connection that lost its place to another
 * (see {@code StartupEviction}).
 *
 * <p>Thread safety: {@link #cancel()}, {@link #cutNow()} and {@link #expired()} may be called
 * from any thread; the timer runs the rest. No method blocks.
 */
public final class PreLoginDeadline {

    /** How long a connection may take to end after its deadline before it is closed. */
    static final Duration HARD_CLOSE_AFTER = Duration.ofSeconds(2);
    /** How often an expired deadline looks again while its owner says it can't end yet. */
    static final Duration RECHECK = Duration.ofMillis(250);

    private final ScheduledExecutorService timers;
    private final Socket raw;
    private final Supplier<Expiry> onExpiry;
    private volatile boolean expired;
    private volatile boolean cancelled;
    /** Set by whichever cuts first: the timer at the deadline, or {@link #cutNow()}. */
    private final java.util.concurrent.atomic.AtomicBoolean cut = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile ScheduledFuture<?> next;

    /** What the owner wants done when the time is up. */
    public enum Expiry {
        /** Ask again in {@link #RECHECK}: something that must finish is running. */
        NOT_YET,
        /** Shut the socket's input so that its reader ends the connection. */
        CUT,
        /** The owner is ending the connection itself; only the hard close backs it up. */
        HANDLED
    }

    private PreLoginDeadline(ScheduledExecutorService timers, Socket raw, Supplier<Expiry> onExpiry) {
        this.timers = timers;
        this.raw = raw;
        this.onExpiry = onExpiry;
    }

    /**
     * Starts the clock.
     *
     * @param timers   the server's timer (its tasks must not block; this one does not)
     * @param after    the time left from now
     * @param raw      the accepted TCP socket (under TLS, if any)
     * @param onExpiry called on the timer thread when the time is up (it must not block)
     */
    public static PreLoginDeadline arm(ScheduledExecutorService timers, Duration after, Socket raw,
                                       Supplier<Expiry> onExpiry) {
        PreLoginDeadline deadline = new PreLoginDeadline(timers, raw, onExpiry);
        deadline.schedule(deadline::expire, Math.max(0, after.toNanos()));
        return deadline;
    }

    /** True once the time was up and the connection was cut. */
    public boolean expired() {
        return expired;
    }

    /** Stops the clock; does nothing once the deadline has cut the connection. */
    public void cancel() {
        if (expired) {
            return;
        }
        cancelled = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Says the connection is closed: a hard close still pending is dropped, so that a burst
     * of cut connections leaves no tasks behind on the timer.
     */
    public void closed() {
        cancelled = true;
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
    }

    /**
     * Cuts the connection now, as the deadline would ({@link Expiry#CUT}, then the hard
     * close), unless it was cancelled or has been cut already. Does not block.
     */
    public void cutNow() {
        if (cancelled || !cut.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> f = next;
        if (f != null) {
            f.cancel(false);
        }
        end(Expiry.CUT);
    }

    private void expire() {
        if (cancelled) {
            return;
        }
        Expiry what = onExpiry.get();
        if (what == Expiry.NOT_YET) {
            schedule(this::expire, RECHECK.toNanos());
            return;
        }
        if (cut.compareAndSet(false, true)) {
            end(what);
        }
    }

    private void end(Expiry what) {
        expired = true;
        if (what == Expiry.CUT) {
            try {
                raw.shutdownInput();
            } catch (IOException e) {
                closeQuietly(raw); // not connected any more, or no half-close: cut it outright
                return;
            }
        }
        schedule(() -> closeQuietly(raw), HARD_CLOSE_AFTER.toNanos());
    }

    private void schedule(Runnable task, long delayNanos) {
        try {
            next = timers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            closeQuietly(raw); // the server is stopping: nothing will watch this connection
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // unusable either way
        }
    }
}
