package dev.rshell.client.batch;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Which commands the client sent and is still owed an {@code end}, and how the connection is
 * doing. The client numbers its commands 1, 2, 3 ... as it sends them; since it sends only lines
 * the server numbers (see {@link Script}) and only after login, the numbers agree with the
 * server's.
 *
 * <p>"Queued" commands are those sent and neither ended nor backgrounded: they sit in the
 * server's queue or run in the foreground, and they are what the pipelining window bounds.
 * A background command ({@code bg N}) leaves the window but is still owed its {@code end}.
 *
 * <p>The status of a run is the last command's, as in {@code sh}: the status in the {@code end}
 * of the highest-numbered command, or 0 when that command ran in the background
 * ({@code cmd &} succeeds in {@code sh}). Memory is bounded by the window plus the running
 * background commands.
 *
 * <p>Thread safety: every method is synchronized on this tracker. The reader thread reports
 * ({@link #backgrounded}, {@link #ended}, {@link #bye}, {@link #closed}); the main thread
 * registers and waits. Waits for {@code end}s have no time limit (commands may run long) but
 * return at once when the connection is over: after {@code bye} or when the reader stops.
 */
final class CommandTracker {

    /** How a sent command's wait ended (for {@code -e}, which waits for each command). */
    sealed interface Settled {
        /** The command ended with this status. */
        record Ended(int status) implements Settled {
        }

        /** The server runs it in the background: for {@code -e} that is success, as in sh. */
        record Backgrounded() implements Settled {
        }

        /** The connection is over without its end. */
        record ConnectionOver() implements Settled {
        }
    }

    private long sent;
    private final Set<Long> running = new HashSet<>();
    private final Set<Long> background = new HashSet<>();
    private long lastEnded;
    private int lastEndedStatus;
    private boolean lastEndedInBackground;
    private String byeText;
    private ConnectionEnd end;

    /** Takes the next number for a command about to be sent; call before sending it. */
    synchronized long register() {
        long n = ++sent;
        running.add(n);
        return n;
    }

    synchronized void backgrounded(long n) throws ProtocolViolation {
        if (!running.contains(n) || !background.add(n)) {
            throw new ProtocolViolation("bg " + n + " for a command that is not waiting to run");
        }
        notifyAll();
    }

    synchronized void ended(long n, int status) throws ProtocolViolation {
        if (!running.remove(n)) {
            throw new ProtocolViolation("end " + n + " for a command that is not running (sent: " + sent + ")");
        }
        boolean inBackground = background.remove(n);
        if (n > lastEnded) {
            lastEnded = n;
            lastEndedStatus = status;
            lastEndedInBackground = inBackground;
        }
        notifyAll();
    }

    synchronized void bye(String text) {
        byeText = text;
        notifyAll();
    }

    synchronized void closed(ConnectionEnd how) {
        if (end == null) {
            end = how;
        }
        notifyAll();
    }

    /** True after {@code bye} or once the reader stopped: no more {@code end}s will come. */
    synchronized boolean isOver() {
        return byeText != null || end != null;
    }

    synchronized int queued() {
        return running.size() - background.size();
    }

    /**
     * Waits until at most {@code most} commands are queued.
     *
     * @return false when the connection is over instead
     */
    synchronized boolean awaitQueuedAtMost(int most) throws InterruptedException {
        while (running.size() - background.size() > most && !isOver()) {
            wait();
        }
        return !isOver();
    }

    /** Waits until command {@code n} ended, went to the background, or the connection is over. */
    synchronized Settled awaitSettled(long n) throws InterruptedException {
        while (running.contains(n) && !background.contains(n) && !isOver()) {
            wait();
        }
        if (!running.contains(n)) {
            // n is the highest number sent, so the highest ended command is n itself. If it
            // went to the background and ended before we woke, it still counts as backgrounded.
            return lastEndedInBackground ? new Settled.Backgrounded() : new Settled.Ended(lastEndedStatus);
        }
        return background.contains(n) ? new Settled.Backgrounded() : new Settled.ConnectionOver();
    }

    /** Waits until the connection is over, at most {@code limit} (null: no limit). */
    synchronized void awaitOver(Duration limit) throws InterruptedException {
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        while (!isOver()) {
            if (limit == null) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** The state needed to judge a finished run. */
    record Snapshot(long sent, long firstMissing, int lastStatus, String byeText, ConnectionEnd end) {
    }

    synchronized Snapshot snapshot() {
        long firstMissing = running.isEmpty() ? 0 : Collections.min(running);
        int last = lastEnded == 0 || lastEndedInBackground ? 0 : lastEndedStatus;
        return new Snapshot(sent, firstMissing, last, byeText, end);
    }
}
