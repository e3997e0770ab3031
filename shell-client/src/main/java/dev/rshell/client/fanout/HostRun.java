package dev.rshell.client.fanout;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ExitStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * One host's run: connect and log in ({@link ClientSession}), send the commands (pipelined
 * within the window, or one by one with {@code -e}), {@code :quit} once they ended, and judge
 * the outcome; on an interrupt or past the command deadline, {@code :interrupt} the running
 * command, wait a grace for its {@code end}, and close.
 *
 * <p>Thread safety: {@link #run()} runs on one worker thread. {@link #interrupt()} and
 * {@link #force} may come from any thread. The outcome is reported exactly once, by whichever
 * of the worker and {@link #force} comes first ({@link #finish}); the listener's gate is closed
 * before the end is reported, so no line of the host follows its end.
 */
final class HostRun implements Runnable {

    /** Where the run is, for what a forced end says. */
    enum Phase { WAITING, CONNECTING, RUNNING, DONE }

    /** The server's {@code bye} text answering {@code :quit}; any other is its own doing. */
    private static final String QUIT_REPLY = "goodbye";
    /** After a failed write, how long to wait for the reader to see why the connection ended. */
    private static final Duration AFTER_SEND_FAILURE = Duration.ofSeconds(2);
    /** After an {@code exit} ended, how long to wait for the {@code bye} that may follow. */
    private static final Duration AFTER_EXIT = Duration.ofMillis(200);

    private final Host host;
    private final FanoutSettings settings;
    private final HostConnector connector;
    private final List<String> lines;
    private final HostInput input;
    private final Consumer<HostResult> onEnd;
    private final HostTracker tracker = new HostTracker();
    private final HostListener listener;
    private volatile Phase phase = Phase.WAITING;
    private volatile ClientSession session;
    private volatile long startNanos;
    private HostResult result; // guarded by this

    HostRun(Host host, FanoutSettings settings, HostConnector connector, FanoutOutput output, List<String> lines,
            HostInput input, Consumer<HostResult> onEnd) {
        this.host = host;
        this.settings = settings;
        this.connector = connector;
        this.lines = lines;
        this.input = input;
        this.onEnd = onEnd;
        this.listener = new HostListener(host, output, tracker, input);
    }

    Host host() {
        return host;
    }

    /** The result, once reported; {@code null} before. */
    synchronized HostResult result() {
        return result;
    }

    /** The user interrupted the run: the host stops at its next step, or at once while waiting. */
    void interrupt() {
        tracker.interrupt();
    }

    @Override
    public void run() {
        startNanos = System.nanoTime();
        phase = Phase.CONNECTING;
        if (tracker.interrupted()) {
            finish(new HostOutcome.Interrupted(ExitStatus.INTERRUPTED, "before it connected"));
            return;
        }
        ClientSession s;
        try {
            s = ClientSession.open(connector.spec(host), listener, Connection.PLATFORM_READERS);
        } catch (SessionFailure f) {
            finish(tracker.interrupted() ? new HostOutcome.Interrupted(ExitStatus.INTERRUPTED, "while connecting")
                    : failed(f));
            return;
        } catch (RuntimeException e) {
            finish(new HostOutcome.Unreachable("internal error while connecting: " + e));
            return;
        }
        session = s;
        HostOutcome outcome;
        try {
            if (result() != null) {
                return; // forced meanwhile: finally closes
            }
            phase = Phase.RUNNING;
            listener.loggedIn();
            outcome = drive(s);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new HostOutcome.Interrupted(ExitStatus.INTERRUPTED, null);
        } catch (RuntimeException e) {
            outcome = new HostOutcome.ProtocolError("internal error: " + e);
        } finally {
            // Joins the reader: every line it will deliver is delivered when close returns.
            s.close();
        }
        finish(outcome);
    }

    /**
     * Reports {@code outcome} unless one was reported already; closes the gate first.
     *
     * @return whether this call reported it
     */
    boolean finish(HostOutcome outcome) {
        HostResult r;
        synchronized (this) {
            if (result != null) {
                return false;
            }
            long ms = startNanos == 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000;
            r = new HostResult(host, outcome, ms);
            result = r;
            phase = Phase.DONE;
        }
        listener.close();
        onEnd.accept(r);
        return true;
    }

    /**
     * Ends the host now, as interrupted, when the worker did not report in time; closes its
     * connection so the worker, too, stops soon.
     */
    void force() {
        String why = switch (phase) {
            case WAITING -> "before it connected";
            case CONNECTING -> "while connecting";
            default -> "no end within " + settings.interruptGrace().toMillis() + " ms of the interrupt";
        };
        if (finish(new HostOutcome.Interrupted(ExitStatus.INTERRUPTED, why))) {
            ClientSession s = session;
            if (s != null) {
                s.close();
            }
        }
    }

    private static HostOutcome failed(SessionFailure f) {
        return switch (f.kind()) {
            case CONNECT -> new HostOutcome.Unreachable(f.getMessage());
            case TRUST -> new HostOutcome.NotTrusted(f.getMessage());
            case LOGIN -> new HostOutcome.LoginRefused(f.getMessage());
            case PROTOCOL -> new HostOutcome.ProtocolError(f.getMessage());
        };
    }

    /** How sending went. */
    private record Sent(HostTracker.Wake wake, boolean allSent) {
    }

    private HostOutcome drive(ClientSession s) throws InterruptedException {
        long deadline = settings.commandTimeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        HostTracker.Wake wake;
        boolean allSent = false;
        String sendFailure = null;
        try {
            Sent sent = sendAll(s, deadline);
            wake = sent.wake();
            allSent = sent.allSent();
            if (wake == HostTracker.Wake.DONE) {
                s.flush();
                wake = tracker.await(() -> tracker.queued() == 0, deadline, false);
            }
            if (wake == HostTracker.Wake.DONE) {
                tracker.quitting();
                s.quit();
                // No limit but the deadline after :quit (background commands may run long);
                // it ends when the connection does.
                wake = tracker.await(() -> false, deadline, false);
            }
        } catch (IOException e) {
            sendFailure = Connection.describe(e);
            wake = tracker.await(() -> false, System.nanoTime() + AFTER_SEND_FAILURE.toNanos(), true);
        }
        boolean timedOut = wake == HostTracker.Wake.DEADLINE && sendFailure == null;
        boolean interrupted = wake == HostTracker.Wake.INTERRUPTED;
        if ((timedOut || interrupted) && allSent && tracker.snapshot().firstMissing() == 0) {
            // Every command had ended; only the bye was still to come: that is no interrupt.
            timedOut = false;
            interrupted = false;
        }
        if (timedOut || interrupted) {
            stopRunningCommand(s);
        }
        s.close();
        HostTracker.Snapshot snap = tracker.snapshot();
        if (snap.end() instanceof ConnectionEnd.Violation v) {
            return new HostOutcome.ProtocolError("protocol error: " + v.reason());
        }
        if (timedOut) {
            return new HostOutcome.TimedOut("ran past --command-timeout " + settings.commandTimeoutText());
        }
        if (interrupted) {
            // 130 whatever the end said: the client's idea of the running command may lag the
            // server's by an end in flight, and the user stopped the host either way.
            return new HostOutcome.Interrupted(ExitStatus.INTERRUPTED, null);
        }
        return judge(snap, allSent, sendFailure);
    }

    /**
     * Sends every line, within the window. Stops early when the connection is over, the host
     * is interrupted, the deadline passes, or (with {@code -e}) a command failed.
     */
    private Sent sendAll(ClientSession s, long deadline) throws IOException, InterruptedException {
        int window = settings.window();
        int resume = Math.max(0, window / 2);
        for (String line : lines) {
            if (tracker.isOver()) {
                return new Sent(HostTracker.Wake.OVER, false);
            }
            if (tracker.interrupted()) {
                return new Sent(HostTracker.Wake.INTERRUPTED, false);
            }
            if (System.nanoTime() - deadline >= 0 && deadline != Long.MAX_VALUE) {
                return new Sent(HostTracker.Wake.DEADLINE, false);
            }
            if (tracker.queued() >= window) {
                s.flush();
                HostTracker.Wake w = tracker.await(() -> tracker.queued() <= resume, deadline, false);
                if (w != HostTracker.Wake.DONE) {
                    return new Sent(w, false);
                }
            }
            boolean exit = isExit(line);
            long n = tracker.register(exit);
            input.send(s, n, line);
            if (settings.stopOnError() || exit) {
                s.flush();
                HostTracker.Wake w = tracker.await(() -> tracker.settled(n), deadline, false);
                if (w != HostTracker.Wake.DONE) {
                    return new Sent(w, false);
                }
                OptionalInt status = tracker.endedStatus(n);
                if (settings.stopOnError() && status.isPresent() && status.getAsInt() != 0) {
                    return new Sent(HostTracker.Wake.DONE, true); // -e: the rest is not sent, and that is no failure
                }
                if (exit && status.isPresent()) {
                    long brief = Math.min(deadline, System.nanoTime() + AFTER_EXIT.toNanos());
                    HostTracker.Wake after = tracker.await(() -> false, brief, false);
                    if (after == HostTracker.Wake.OVER) {
                        return new Sent(after, true); // exit ended the session, as in sh
                    }
                    if (after != HostTracker.Wake.DEADLINE || brief == deadline) {
                        return new Sent(after, false);
                    }
                }
            }
        }
        return new Sent(HostTracker.Wake.DONE, true);
    }

    /**
     * Interrupts the host's running foreground command and waits the grace for its end. The
     * command is the lowest one sent and not ended as far as this client knows; an end in
     * flight may make that one already over, in which case the wait is short and closing the
     * connection ends the rest (the server interrupts every command of a dropped session).
     */
    private void stopRunningCommand(ClientSession s) throws InterruptedException {
        long foreground = tracker.firstQueued();
        // What was queued behind it may start before the connection closes: not meant to run, not shown.
        tracker.showUpTo(foreground == 0 ? tracker.snapshot().sent() : foreground);
        if (foreground == 0 || tracker.isOver()) {
            return;
        }
        try {
            s.send(new ClientLine.Interrupt(ClientLine.Interrupt.FOREGROUND));
            s.flush();
        } catch (IOException e) {
            return; // the connection is going: closing it ends the commands anyway
        }
        tracker.await(() -> tracker.settled(foreground), System.nanoTime() + settings.interruptGrace().toNanos(), true);
    }

    private HostOutcome judge(HostTracker.Snapshot s, boolean allSent, String sendFailure) {
        if (s.exitCommand() > 0 && (s.firstMissing() == 0 || s.firstMissing() > s.exitCommand())) {
            return HostOutcome.ofStatus(s.exitStatus()); // exit ended the session; the rest did not run, as in sh
        }
        String said = s.byeText() == null ? "" : " (server said: " + s.byeText() + ")";
        if (s.firstMissing() > 0) {
            String what = "before command " + s.firstMissing() + " ended";
            if (s.byeText() != null) {
                return new HostOutcome.Unreachable("connection closed " + what + said);
            }
            if (s.end() instanceof ConnectionEnd.Lost lost) {
                return new HostOutcome.Unreachable("connection lost " + what + ": " + lost.reason());
            }
            if (sendFailure != null) {
                return new HostOutcome.Unreachable("connection lost " + what + ": " + sendFailure);
            }
            return new HostOutcome.Unreachable("connection closed " + what);
        }
        if (!allSent) {
            return new HostOutcome.Unreachable("connection closed before every command was sent" + said);
        }
        if (s.byeText() != null && (!s.quitSent() || !QUIT_REPLY.equals(s.byeText()))) {
            return new HostOutcome.Unreachable(host.authority() + " ended the session: " + s.byeText());
        }
        return HostOutcome.ofStatus(s.lastStatus());
    }

    /** Whether {@code line} runs {@code exit} in the foreground (the server's own parser, nothing expanded). */
    static boolean isExit(String line) {
        ParseResult parsed = CommandLineParser.parse(line, ParseContext.none());
        return parsed instanceof ParseResult.Command c && !c.background() && !c.words().isEmpty()
                && c.words().get(0).equals("exit");
    }
}
