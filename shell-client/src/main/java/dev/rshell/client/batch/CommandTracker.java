package dev.rshell.client.batch;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
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
    /** Running commands that are {@code exit}. */
    private final Set<Long> exits = new HashSet<>();
    /** Running commands with a syntax error: the server's err text, and what to print instead. */
    private final Map<Long, String[]> syntaxErrors = new HashMap<>();
    /** The last {@code exit} that ended with no foreground command ending after it; 0: none. */
    private long endedExit;
    private int endedExitStatus;
    /** Whether {@code bye} came right after {@link #endedExit}'s end: the session exited. */
    private boolean exited;
    private boolean quitSent;
    private IOException outputFailure;

    /** Takes the next number for a command about to be sent; call before sending it. */
    synchronized long register() {
        long n = ++sent;
        running.add(n);
        return n;
    }

    /** {@link #register()} for a script line, remembering what {@code check} found in it. */
    synchronized long register(LineCheck check, String where) {
        long n = register();
        if (check.exit()) {
            exits.add(n);
        }
        if (check.syntaxError() != null) {
            String said = "rshell: " + check.syntaxError();
            syntaxErrors.put(n, new String[] {said, "rshell: " + where + ": " + check.syntaxError()});
        }
        return n;
    }

    /**
     * The text to print for {@code err N TEXT}: the server's parse error of a script line gets
     * the line's place ({@code deploy.rsh:3: syntax error: ...}); anything else is unchanged.
     */
    synchronized String errText(long n, String text) {
        // An exit that ends the session says nothing; one that complains (a bad STATUS) doesn't.
        exits.remove(n);
        String[] rewrite = syntaxErrors.get(n);
        return rewrite != null && rewrite[0].equals(text) ? rewrite[1] : text;
    }

    /** The client is about to send {@code :quit}: a {@code bye} from now on is its answer. */
    synchronized void quitting() {
        quitSent = true;
    }

    /**
     * Standard output failed (its reader went away, or a write error): the run is over, and
     * the caller stops the remote commands. The first failure is kept.
     */
    synchronized void outputFailed(IOException failure) {
        if (outputFailure == null) {
            outputFailure = failure;
        }
        notifyAll();
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
        syntaxErrors.remove(n);
        if (exits.remove(n)) {
            endedExit = n;
            endedExitStatus = status;
        } else if (!inBackground && n > endedExit) {
            endedExit = 0; // a later command ran: that exit did not end the session
        }
        if (n > lastEnded) {
            lastEnded = n;
            lastEndedStatus = status;
            lastEndedInBackground = inBackground;
        }
        notifyAll();
    }

    synchronized void bye(String text) {
        byeText = text;
        exited = endedExit != 0;
        notifyAll();
    }

    synchronized void closed(ConnectionEnd how) {
        if (end == null) {
            end = how;
        }
        notifyAll();
    }

    /**
     * True after {@code bye}, once the reader stopped (no more {@code end}s will come), or
     * once standard output failed (no more output can be shown).
     */
    synchronized boolean isOver() {
        return byeText != null || end != null || outputFailure != null;
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

    /**
     * The state needed to judge a finished run.
     *
     * @param exitCommand   the {@code exit} that ended the session, or 0
     * @param exitStatus    its status
     * @param quitSent      whether {@code :quit} was sent (a {@code bye} before it is the server's doing)
     * @param outputFailure why standard output failed, or null
     */
    record Snapshot(long sent, long firstMissing, int lastStatus, String byeText, ConnectionEnd end,
                    long exitCommand, int exitStatus, boolean quitSent, IOException outputFailure) {
    }

    synchronized Snapshot snapshot() {
        long firstMissing = running.isEmpty() ? 0 : Collections.min(running);
        int last = lastEnded == 0 || lastEndedInBackground ? 0 : lastEndedStatus;
        return new Snapshot(sent, firstMissing, last, byeText, end, exited ? endedExit : 0, endedExitStatus,
                quitSent, outputFailure);
    }
}
