package dev.rshell.client.fanout;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One host's commands in flight and how its connection is doing: the fan-out's counterpart of
 * the batch client's tracker, with the two things a run over many hosts adds, an interrupt
 * from the user and a command deadline.
 *
 * <p>The client numbers its commands 1, 2, 3 ... as it sends them; it sends only command lines
 * after login, so the numbers agree with the server's. "Queued" commands are sent and neither
 * ended nor in the background. The host's status is its last command's, as in {@code sh} (0
 * when that one ran in the background); after {@code exit N} that ended the session, N.
 *
 * <p>Thread safety: every method is synchronized on this tracker. The reader thread reports
 * ({@link #backgrounded}, {@link #ended}, {@link #bye}, {@link #closed}); the host's worker
 * registers and waits; {@link #interrupt} may come from any thread. Waits end when their
 * condition holds, when the connection is over, when the host is interrupted, or at a
 * deadline, whichever comes first.
 */
final class HostTracker {

    /** Why a wait returned. */
    enum Wake { DONE, OVER, INTERRUPTED, DEADLINE }

    private long sent;
    private final Set<Long> running = new HashSet<>();
    private final Set<Long> background = new HashSet<>();
    private final Set<Long> exits = new HashSet<>();
    private long lastEnded;
    private int lastStatus;
    private boolean lastInBackground;
    private long endedExit;
    private int endedExitStatus;
    private boolean exited;
    private String byeText;
    private ConnectionEnd end;
    private boolean quitSent;
    private boolean interrupted;
    /** Output of commands numbered above this is not shown (set when the host is stopped). */
    private long shownUpTo = Long.MAX_VALUE;

    /** Takes the next number for a command about to be sent (before sending: its end may come at once). */
    synchronized long register(boolean isExit) {
        long n = ++sent;
        running.add(n);
        if (isExit) {
            exits.add(n);
        }
        return n;
    }

    synchronized void quitting() {
        quitSent = true;
    }

    /** The user interrupted the run: every wait returns. */
    synchronized void interrupt() {
        interrupted = true;
        notifyAll();
    }

    /** From now on, only output of commands up to {@code n} is shown. */
    synchronized void showUpTo(long n) {
        shownUpTo = n;
    }

    /** Whether output of command {@code n} is shown. */
    synchronized boolean shows(long n) {
        return n <= shownUpTo;
    }

    synchronized boolean interrupted() {
        return interrupted;
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
        if (exits.remove(n)) {
            endedExit = n;
            endedExitStatus = status;
        } else if (!inBackground && n > endedExit) {
            endedExit = 0; // a later command ran: that exit did not end the session
        }
        if (n > lastEnded) {
            lastEnded = n;
            lastStatus = status;
            lastInBackground = inBackground;
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

    synchronized boolean isOver() {
        return byeText != null || end != null;
    }

    synchronized int queued() {
        return running.size() - background.size();
    }

    /** The lowest command queued (sent, not ended, not in the background): the running one; 0 for none. */
    synchronized long firstQueued() {
        long first = 0;
        for (long n : running) {
            if (!background.contains(n) && (first == 0 || n < first)) {
                first = n;
            }
        }
        return first;
    }

    /** Whether command {@code n} ended or went to the background. */
    synchronized boolean settled(long n) {
        return !running.contains(n) || background.contains(n);
    }

    /** The status {@code n} ended with, when it ended and was the last to end; else empty. */
    synchronized java.util.OptionalInt endedStatus(long n) {
        return !running.contains(n) && lastEnded == n && !lastInBackground
                ? java.util.OptionalInt.of(lastStatus) : java.util.OptionalInt.empty();
    }

    /**
     * Waits until {@code done} holds (evaluated under this lock), the connection is over, the
     * host is interrupted (unless {@code evenIfInterrupted}), or {@code deadline} (a
     * {@link System#nanoTime()} value; {@link Long#MAX_VALUE}: none) passes.
     */
    synchronized Wake await(BooleanSupplier done, long deadline, boolean evenIfInterrupted) throws InterruptedException {
        while (true) {
            if (done.getAsBoolean()) {
                return Wake.DONE;
            }
            if (isOver()) {
                return Wake.OVER;
            }
            if (interrupted && !evenIfInterrupted) {
                return Wake.INTERRUPTED;
            }
            if (deadline == Long.MAX_VALUE) {
                wait();
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Wake.DEADLINE;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /**
     * What is needed to judge the host's run.
     *
     * @param firstMissing the lowest command sent and never ended, or 0
     * @param exitCommand  the {@code exit} that ended the session, or 0
     */
    record Snapshot(long sent, long firstMissing, int lastStatus, String byeText, ConnectionEnd end,
                    long exitCommand, int exitStatus, boolean quitSent) {
    }

    synchronized Snapshot snapshot() {
        long firstMissing = running.isEmpty() ? 0 : Collections.min(running);
        int last = lastEnded == 0 || lastInBackground ? 0 : lastStatus;
        return new Snapshot(sent, firstMissing, last, byeText, end, exited ? endedExit : 0, endedExitStatus, quitSent);
    }
}
