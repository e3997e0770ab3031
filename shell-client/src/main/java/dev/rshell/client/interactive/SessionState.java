package dev.rshell.client.interactive;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What the interactive shell knows about its session: the working directory and home, the
 * command running in the foreground, the background commands still owed an {@code end}, the
 * last command's status, the commands the user interrupted (whose output is no longer shown),
 * and how the connection ended.
 *
 * <p>Numbers: the shell numbers its command lines 1, 2, 3 ... as it sends them. It sends only
 * lines the server numbers (never blank lines, never control lines as commands) and only after
 * login, so the numbers agree with the server's, as in batch mode.
 *
 * <p>The status of the session is the last foreground command's, as in {@code sh}: a command
 * sent to the background ({@code bg N}) counts as 0, and its later {@code end} changes nothing.
 *
 * <p>Thread safety: every method is synchronized on this object. The reader thread reports
 * ({@link #cwd}, {@link #backgrounded}, {@link #ended}, {@link #bye}, {@link #closed}) and asks
 * what becomes of each output line ({@link #output}); the input (main) thread starts commands,
 * marks the ones the user interrupts ({@link #interrupting}) and waits; the terminal's signal
 * thread calls {@link #requestInterrupt}; the keepalive thread calls {@link #silent()}. Waits
 * return as soon as the connection is over.
 */
final class SessionState {

    /** Why {@link #awaitForeground} returned. */
    enum Wake {
        /** The command ended; its status is the session's status now. */
        ENDED,
        /** The command went to the background: the prompt comes back. */
        BACKGROUND,
        /** Ctrl-C was pressed: the caller sends {@code :interrupt} and waits again. */
        INTERRUPT,
        /** The connection is over (bye, closed, lost). */
        OVER,
        /** None of the above within the time limit. */
        TIMEOUT
    }

    /** A command the shell was owed an {@code end} for ended in the background. */
    record BackgroundEnd(long command, int status) {
    }

    /** What becomes of an {@code out} or {@code err} line of a command ({@link #output}). */
    enum Output {
        /** Printed. */
        SHOWN,
        /** The first line after the command was interrupted: dropped, and a note says so. */
        FIRST_DROPPED,
        /** A later line after the interrupt: dropped without a word. */
        DROPPED
    }

    private String cwd;
    private String home;
    private long sent;
    private long foreground;
    private boolean foregroundIsExit;
    private Wake settled;
    private boolean interruptRequested;
    private final Set<Long> running = new HashSet<>();
    private final Set<Long> background = new HashSet<>();
    /** Commands the user interrupted, still owed their {@code end}: whether the note was shown. */
    private final Map<Long, Boolean> interrupted = new HashMap<>();
    private int lastStatus;
    private boolean exitEnded;
    private boolean quitting;
    private boolean silent;
    private String byeText;
    private ConnectionEnd end;

    // ---- reader thread

    /** A {@code cwd} line; the first one after login is also the home directory. */
    synchronized void cwd(String path) {
        if (home == null) {
            home = path;
        }
        cwd = path;
        notifyAll();
    }

    synchronized void backgrounded(long n) throws ProtocolViolation {
        if (!running.contains(n) || !background.add(n)) {
            throw new ProtocolViolation("bg " + n + " for a command that is not waiting to run");
        }
        if (n == foreground) {
            settled = Wake.BACKGROUND;
            lastStatus = 0;
        }
        notifyAll();
    }

    /**
     * An {@code end} line.
     *
     * @return the end of a command that ran in the background (for a notice), or null
     */
    synchronized BackgroundEnd ended(long n, int status) throws ProtocolViolation {
        if (!running.remove(n)) {
            throw new ProtocolViolation("end " + n + " for a command that is not running (sent: " + sent + ")");
        }
        boolean inBackground = background.remove(n);
        interrupted.remove(n);
        if (n == foreground && settled == null) {
            settled = Wake.ENDED;
            lastStatus = status;
            exitEnded = foregroundIsExit;
        }
        notifyAll();
        return inBackground ? new BackgroundEnd(n, status) : null;
    }

    /**
     * An {@code out} or {@code err} line of command {@code n}: after the user interrupted
     * {@code n}, its lines are dropped until its {@code end}, and the first one dropped is
     * replaced by one note. Why: the server drops what it still had queued for {@code n}, but
     * what the socket buffers already hold (megabytes of {@code yes}) comes before the
     * {@code end}, and printing it all would hold the prompt back for seconds.
     */
    synchronized Output output(long n) {
        Boolean noted = interrupted.isEmpty() ? null : interrupted.get(n);
        if (noted == null) {
            return Output.SHOWN;
        }
        if (!noted) {
            interrupted.put(n, true);
            return Output.FIRST_DROPPED;
        }
        return Output.DROPPED;
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

    // ---- keepalive thread

    /** The server stopped answering pings; the connection is being closed for it. */
    synchronized void silent() {
        silent = true;
        notifyAll();
    }

    // ---- signal thread

    /** Ctrl-C outside the line editor: wakes a foreground wait so it sends {@code :interrupt}. */
    synchronized void requestInterrupt() {
        if (foreground != 0 && settled == null) {
            interruptRequested = true;
            notifyAll();
        }
    }

    // ---- input (main) thread

    /** Takes the number of a command line about to be sent, which runs in the foreground. */
    synchronized long startForeground(boolean isExit) {
        long n = ++sent;
        running.add(n);
        foreground = n;
        foregroundIsExit = isExit;
        settled = null;
        interruptRequested = false;
        return n;
    }

    /**
     * The user interrupted command {@code n} (the {@code :interrupt} is about to be sent): from
     * now until its {@code end}, its output is dropped ({@link #output}). Nothing for a command
     * that has ended already.
     */
    synchronized void interrupting(long n) {
        if (running.contains(n)) {
            interrupted.putIfAbsent(n, false);
        }
    }

    /**
     * Waits until the foreground command ended or went to the background, Ctrl-C, or the end;
     * or at most {@code limit} (null: no limit).
     */
    synchronized Wake awaitForeground(Duration limit) throws InterruptedException {
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        while (settled == null && !interruptRequested && !over()) {
            if (limit == null) {
                wait();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Wake.TIMEOUT;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        if (settled != null) {
            foreground = 0;
            return settled;
        }
        if (interruptRequested) {
            interruptRequested = false;
            return Wake.INTERRUPT;
        }
        return Wake.OVER;
    }

    /** Waits (bounded) for the first {@code cwd}; true when it came. */
    synchronized boolean awaitCwd(Duration limit) throws InterruptedException {
        awaitUntil(limit, () -> cwd != null || over());
        return cwd != null;
    }

    /** The shell is quitting ({@code :quit} about to be sent): a {@code bye} is expected now. */
    synchronized void quitting() {
        quitting = true;
    }

    /** Waits (bounded) until the connection is over. */
    synchronized void awaitOver(Duration limit) throws InterruptedException {
        awaitUntil(limit, this::over);
    }

    /** Background commands still owed their {@code end}, in no particular order. */
    synchronized List<Long> background() {
        return new ArrayList<>(background);
    }

    /** True after {@code bye}, once the reader stopped, or when the server went silent. */
    synchronized boolean over() {
        return byeText != null || end != null || silent;
    }

    synchronized String cwdPath() {
        return cwd;
    }

    synchronized String home() {
        return home;
    }

    /**
     * How the session ended, once it is over or the shell quit.
     *
     * @param authority {@code host:port}, for messages
     */
    synchronized ShellOutcome outcome(String authority) {
        if (silent) {
            return new ShellOutcome.Failed(authority + " stopped answering");
        }
        if (end instanceof ConnectionEnd.Violation v) {
            return new ShellOutcome.Failed("protocol error: " + v.reason());
        }
        long missing = settled == null ? foreground : 0;
        String said = byeText == null ? "" : " (server said: " + byeText + ")";
        if (missing > 0) {
            String what = "before command " + missing + " ended";
            if (end instanceof ConnectionEnd.Lost lost && byeText == null) {
                return new ShellOutcome.Failed("connection to " + authority + " lost " + what + ": " + lost.reason());
            }
            return new ShellOutcome.Failed("connection closed " + what + said);
        }
        if (quitting || exitEnded) {
            return new ShellOutcome.Ended(lastStatus);
        }
        if (byeText != null) {
            return new ShellOutcome.Failed(authority + " ended the session: " + byeText);
        }
        if (end instanceof ConnectionEnd.Lost lost) {
            return new ShellOutcome.Failed("connection to " + authority + " lost: " + lost.reason());
        }
        if (end instanceof ConnectionEnd.EndOfStream) {
            return new ShellOutcome.Failed("connection closed by " + authority);
        }
        return new ShellOutcome.Ended(lastStatus);
    }

    /** Waits while {@code done} is false, at most {@code limit}. Caller holds the monitor. */
    private void awaitUntil(Duration limit, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
