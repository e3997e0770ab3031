package dev.rshell.client.interactive;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code --keepalive SECONDS}: sends {@code :ping} every interval and declares the server silent
 * when a ping is still unanswered at the next tick, so a dead server or network is noticed
 * within two intervals of its last answer instead of whenever TCP gives up.
 *
 * <p>Threading: two named daemon threads, both owned and shut down by {@link #close()}.
 * {@value #TICK_THREAD} ticks: it checks the outstanding ping and, when there is none, hands a
 * new one to {@value #SEND_THREAD}, which writes it. The write is on a thread of its own because
 * it can block (a server that stopped reading fills the socket), and a blocked write must not
 * stop the tick that detects exactly that. At most one ping is outstanding, so the send queue
 * holds at most one task (it is bounded at one).
 *
 * <p>Thread safety: the outstanding-ping state is guarded by this object's monitor;
 * {@link #pong()} may be called from any thread (the connection's reader thread, in practice).
 * {@code onSilent} runs once, on the tick thread, and should close the connection.
 */
final class Keepalive implements AutoCloseable {

    static final String TICK_THREAD = "rshell-keepalive";
    static final String SEND_THREAD = "rshell-keepalive-send";

    /** Writes one ping; answers false when there is nothing to ping yet (or any more). */
    @FunctionalInterface
    interface Pinger {
        boolean ping() throws IOException;
    }

    private final Pinger pinger;
    private final Runnable onSilent;
    private final ScheduledExecutorService ticker;
    private final ThreadPoolExecutor sender;

    // Guarded by this.
    private boolean outstanding;
    private boolean silent;
    private boolean closed;

    private Keepalive(Pinger pinger, Runnable onSilent) {
        this.pinger = pinger;
        this.onSilent = onSilent;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, TICK_THREAD));
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1),
                r -> daemon(r, SEND_THREAD), new ThreadPoolExecutor.DiscardPolicy());
    }

    /** Starts pinging every {@code every}; the first ping goes out after one interval. */
    static Keepalive start(Duration every, Pinger pinger, Runnable onSilent) {
        Keepalive k = new Keepalive(pinger, onSilent);
        long nanos = every.toNanos();
        k.ticker.scheduleAtFixedRate(k::tick, nanos, nanos, TimeUnit.NANOSECONDS);
        return k;
    }

    /** An answer to the outstanding ping arrived. */
    synchronized void pong() {
        outstanding = false;
    }

    /** True once a ping went unanswered for a whole interval. */
    synchronized boolean silent() {
        return silent;
    }

    /** Stops both threads; idempotent. Does not wait for a blocked write. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ticker.shutdownNow();
        sender.shutdownNow();
    }

    private void tick() {
        synchronized (this) {
            if (closed || silent) {
                return;
            }
            if (outstanding) {
                silent = true;
            } else {
                outstanding = true;
            }
        }
        if (silent()) {
            ticker.shutdown();
            onSilent.run();
            return;
        }
        try {
            sender.execute(this::send);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void send() {
        boolean sent;
        try {
            sent = pinger.ping();
        } catch (IOException e) {
            // The connection is failing; its reader reports how. Nothing to wait for.
            sent = false;
        }
        if (!sent) {
            synchronized (this) {
                outstanding = false;
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
