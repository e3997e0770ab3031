package dev.rshell.client.batch;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.StartupTimes;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.Feature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a script over one session: the main thread's side of the batch client.
 *
 * <p>Without {@code -e}, commands are pipelined: the runner sends lines without waiting for
 * their {@code end}s until {@link BatchSettings#window()} are queued, then waits until half the
 * window has drained and sends the next batch. The socket is flushed once per batch (when the
 * window is full, right before the script would wait for its input, and at the end), so a script of
 * 10,000 lines costs about one round trip per half window, not per line. Output still comes out
 * in order because the server runs commands in order and one reader thread prints it.
 *
 * <p>With {@code -e}, each command is sent and flushed alone and the runner waits for it to end
 * (or to go to the background, which counts as success as in {@code sh}); the first non-zero
 * status stops the run, and the rest of the script is never sent.
 *
 * <p>Either way, once every command sent has ended or gone to the background, the run sends
 * {@code :quit} and waits for {@code bye} (or the connection's end), then the connection is
 * closed and its reader thread joined, so every output line has been printed before the
 * outcome is reported. {@code :quit} waits for the foreground commands (it costs one round
 * trip at the end) so that a {@code bye} before it can only be the server's own doing (kick,
 * idle timeout, shutdown): that is reported with the server's text and status 255, even when
 * every command had ended. A connection that ends before every sent command's {@code end}, or
 * while script lines are still unsent, is a failure (255), as is a protocol violation.
 *
 * <p>{@code exit} ends the script as in {@code sh}: a line that is {@code exit} is flushed and
 * waited for before the next line is even read; when its {@code end N STATUS} is followed by
 * {@code bye}, the run ends cleanly with STATUS, and the lines after it (unsent, or sent and
 * never started) did not run and are no failure. An {@code exit} with a bad STATUS ends
 * nothing, and the script goes on.
 *
 * <p>Protocol 1.1: against a server whose {@code hello} says {@code rshell/1.N}, the run first
 * asks for {@code input}, {@code partial} and {@code bytes} (one round trip; none against
 * {@code rshell/1}). With {@code bytes}, output is byte-exact ({@link BatchListener}). The
 * command that gets standard input ({@link BatchSettings#stdinTo()}) is sent as
 * {@code :stdin LINE}, and a {@link StdinPump} streams stdin to it on a thread of its own
 * ({@code :inb} with {@code bytes}, else text lines) within the window the server grants. A
 * server without {@code input} can't take stdin: if stdin holds anything, the run fails before
 * sending a command ("HOST does not take standard input"), rather than drop it; if stdin is
 * empty, nothing is lost and the command goes as a plain line.
 *
 * <p>When standard output fails ({@link StdoutStream}), the reader thread closes the connection
 * at once, which makes the server interrupt every command of the session; the run ends with
 * {@link BatchOutcome.OutputFailed}: 141 for a broken pipe (as a shell reports SIGPIPE), 255
 * for any other write error.
 *
 * <p>Thread safety: a runner is used by one thread, the main thread; it shares state with the
 * reader thread only through {@link CommandTracker}.
 */
public final class BatchRunner {

    /** The text of the server's {@code bye} answering {@code :quit}; any other is its own doing. */
    private static final String QUIT_REPLY = "goodbye";

    /** After a failed write, how long to wait for the reader to see why the connection ended. */
    private static final Duration AFTER_SEND_FAILURE = Duration.ofSeconds(5);
    /** After an {@code exit} ended, how long to wait for the {@code bye} that may follow. */
    private static final Duration AFTER_EXIT = Duration.ofMillis(200);

    /** The features a batch run asks a 1.1 server for. */
    private static final Set<Feature> WANTED = EnumSet.of(Feature.INPUT, Feature.PARTIAL, Feature.BYTES);

    private final BatchSettings settings;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    /**
     * @param in  the client's standard input, streamed to {@link BatchSettings#stdinTo()}
     * @param out receives the commands' standard output
     * @param err receives their standard error and server notices
     */
    public BatchRunner(BatchSettings settings, InputStream in, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** A runner that gives no command standard input. */
    public BatchRunner(BatchSettings settings, PrintStream out, PrintStream err) {
        this(settings.withStdinTo(0), InputStream.nullInputStream(), out, err);
    }

    /** Connects, logs in, runs every line of the script, and says how it went. */
    public BatchOutcome run(SessionSpec spec, Script script) {
        CommandTracker tracker = new CommandTracker();
        // Stdout fails on the reader thread, which then drops the connection; output only comes
        // after login, so the session is known by then.
        AtomicReference<ClientSession> opened = new AtomicReference<>();
        Runnable dropConnection = () -> {
            ClientSession s = opened.get();
            if (s != null) {
                s.close();
            }
        };
        InputWindow window = settings.stdinTo() > 0 ? new InputWindow(settings.stdinTo()) : null;
        ClientSession session;
        Input input;
        try {
            session = ClientSession.open(spec, new BatchListener(out, err, tracker, dropConnection, window));
        } catch (SessionFailure f) {
            return new BatchOutcome.Failed(f.getMessage());
        }
        opened.set(session);
        try {
            Set<Feature> granted = session.requestFeatures(WANTED, spec);
            input = inputFor(window, granted, session);
        } catch (SessionFailure f) {
            session.close();
            return new BatchOutcome.Failed(f.getMessage());
        }
        try {
            BatchOutcome outcome = drive(session, tracker, script, spec.authority(), input);
            spec.times().mark(StartupTimes.Phase.COMMANDS);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new BatchOutcome.Failed("interrupted");
        } finally {
            if (window != null) {
                window.close(); // a pump waiting for window stops
            }
            session.close();
        }
    }

    /**
     * How stdin reaches the command {@code window} is for: null when no command gets it.
     *
     * @throws SessionFailure when the server takes no input and stdin is not empty
     */
    private Input inputFor(InputWindow window, Set<Feature> granted, ClientSession session) throws SessionFailure {
        if (window == null) {
            return null;
        }
        if (granted.contains(Feature.INPUT)) {
            return new Input(window, granted.contains(Feature.BYTES) ? InputEncoder.bytes(window.command())
                    : InputEncoder.text(window.command()));
        }
        // Nothing is lost if there is nothing to send: stdin at its end (/dev/null, an empty
        // file or pipe). This read may wait for a pipe's first bytes; they are refused anyway.
        int first;
        try {
            first = in.read();
        } catch (IOException e) {
            first = 0; // unreadable: still not known to be empty
        }
        if (first < 0) {
            return null;
        }
        throw new SessionFailure(SessionFailure.Kind.PROTOCOL, session.authority() + " does not take standard input ("
                + session.serverVersion() + "); use -n to send none");
    }

    /** The command that gets stdin: its window, and how its input is written. */
    private record Input(InputWindow window, InputEncoder encoder) {
    }

    private BatchOutcome drive(ClientSession session, CommandTracker tracker, Script script, String authority,
                               Input input) throws InterruptedException {
        String scriptProblem = null;
        String sendFailure = null;
        ScriptLine unsent = null;
        Sending sending = new Sending(session, input, in);
        try {
            unsent = settings.stopOnError() ? sendOneByOne(session, sending, tracker, script)
                    : sendPipelined(session, sending, tracker, script);
            if (unsent == null) {
                quitWhenDrained(session, tracker);
            }
        } catch (ScriptProblem p) {
            scriptProblem = p.getMessage();
            try {
                quitWhenDrained(session, tracker); // let the commands already sent finish, then stop
            } catch (IOException e) {
                sendFailure = Connection.describe(e);
            }
        } catch (IOException e) {
            sendFailure = Connection.describe(e);
        }
        // No time limit after :quit (commands may run long), but it ends when the connection
        // does. After a failed write the reader sees the end soon; don't wait on it forever.
        tracker.awaitOver(sendFailure == null ? null : AFTER_SEND_FAILURE);
        // Joins the reader: every line it will ever print is printed when close returns.
        session.close();
        sending.reportInput(err, authority);
        return judge(tracker.snapshot(), scriptProblem, sendFailure, unsent, authority);
    }

    /**
     * Sends the script's command lines: the one that gets stdin as {@code :stdin}, with its
     * pump started right after it went out; every other as a plain command line.
     */
    private static final class Sending {
        private final ClientSession session;
        private final Input input;
        private final InputStream stdin;
        private StdinPump pump;

        Sending(ClientSession session, Input input, InputStream stdin) {
            this.session = session;
            this.input = input;
            this.stdin = stdin;
        }

        /** Sends command {@code n}; flushes at once when it is the one that gets stdin. */
        void send(long n, String text) throws IOException {
            if (input == null || n != input.window().command()) {
                session.send(new ClientLine.CommandText(text));
                return;
            }
            session.send(new ClientLine.StdinCommand(text));
            session.flush();
            pump = StdinPump.start(stdin, input.window(), input.encoder(), new StdinPump.Sender() {
                @Override
                public void send(ClientLine.Sendable line) throws IOException {
                    session.send(line);
                }

                @Override
                public void flush() throws IOException {
                    session.flush();
                }
            });
        }

        /** After the reader stopped: what went wrong with stdin, once each, on stderr. */
        void reportInput(PrintStream err, String authority) {
            if (pump == null) {
                return;
            }
            String problem = pump.problem();
            if (problem != null) {
                err.print("rshell: " + problem + "\n");
            }
            if (pump.changed()) {
                err.print("rshell: " + authority + " takes input only as text: a CR before LF was dropped"
                        + " or invalid UTF-8 replaced\n");
            }
        }
    }

    /** Sends {@code :quit} once no command is queued or running in the foreground. */
    private static void quitWhenDrained(ClientSession session, CommandTracker tracker)
            throws IOException, InterruptedException {
        session.flush();
        if (tracker.awaitQueuedAtMost(0)) {
            tracker.quitting();
            session.quit();
        }
    }

    /** Sends within the window; returns a line it could not send because the connection ended. */
    private ScriptLine sendPipelined(ClientSession session, Sending sending, CommandTracker tracker, Script script)
            throws ScriptProblem, IOException, InterruptedException {
        int window = settings.window();
        // Refill only once half the window drained: one flush per half window, not per end.
        int resume = window / 2;
        // The next line may take a while (a pipe, a terminal): let the server start on these.
        Flusher flushBeforeWait = new Flusher(session);
        while (true) {
            ScriptLine line = script.next(flushBeforeWait);
            flushBeforeWait.check();
            if (line == null) {
                return null;
            }
            if (tracker.queued() >= window) {
                session.flush();
                if (!tracker.awaitQueuedAtMost(resume)) {
                    return line;
                }
            }
            if (tracker.isOver()) {
                return line;
            }
            LineCheck check = LineCheck.of(line.text());
            long n = tracker.register(check, line.where()); // before sending: its end may come back at once
            sending.send(n, line.text());
            if (check.exit()) {
                // As sh: nothing after an exit is read until it is known whether it ended the session.
                session.flush();
                if (!(tracker.awaitSettled(n) instanceof CommandTracker.Settled.Ended) || !awaitByeAfterExit(tracker)) {
                    return null;
                }
            }
        }
    }

    /**
     * After an {@code exit} ended: true when the session goes on (its STATUS was bad), false
     * when it is over. The server writes {@code bye} right behind the {@code end}; a short wait
     * (bounded) spares sending a line that would not run.
     */
    private static boolean awaitByeAfterExit(CommandTracker tracker) throws InterruptedException {
        tracker.awaitOver(AFTER_EXIT);
        return !tracker.isOver();
    }

    /** {@code -e}: one command at a time, stopping at the first failure. */
    private ScriptLine sendOneByOne(ClientSession session, Sending sending, CommandTracker tracker, Script script)
            throws ScriptProblem, IOException, InterruptedException {
        while (true) {
            ScriptLine line = script.next();
            if (line == null) {
                return null;
            }
            if (tracker.isOver()) {
                return line;
            }
            LineCheck check = LineCheck.of(line.text());
            long n = tracker.register(check, line.where());
            sending.send(n, line.text());
            session.flush();
            CommandTracker.Settled settled = tracker.awaitSettled(n);
            if (settled instanceof CommandTracker.Settled.Ended ended
                    && (ended.status() != 0 || check.exit() && !awaitByeAfterExit(tracker))) {
                return null; // -e: the rest of the script is not sent; after exit: not run
            }
            if (settled instanceof CommandTracker.Settled.ConnectionOver) {
                return null; // the missing end is reported by judge
            }
        }
    }

    /**
     * Flushes the session when the script is about to wait for input. {@link Script#next}
     * can't throw the socket's IOException (its own I/O errors are script problems), so a
     * failure is kept and rethrown by {@link #check()} on the same thread.
     */
    private static final class Flusher implements Runnable {
        private final ClientSession session;
        private IOException failure;

        Flusher(ClientSession session) {
            this.session = session;
        }

        @Override
        public void run() {
            if (failure == null) {
                try {
                    session.flush();
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        void check() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static BatchOutcome judge(CommandTracker.Snapshot s, String scriptProblem,
                                      String sendFailure, ScriptLine unsent, String authority) {
        if (s.outputFailure() != null) {
            IOException why = s.outputFailure();
            return StdoutStream.isBrokenPipe(why) ? new BatchOutcome.OutputFailed(StdoutStream.BROKEN_PIPE, null)
                    : new BatchOutcome.OutputFailed(ExitStatus.CONNECTION_FAILURE,
                            "can't write to standard output: " + Connection.describe(why));
        }
        if (s.end() instanceof ConnectionEnd.Violation v) {
            return new BatchOutcome.Failed("protocol error: " + v.reason());
        }
        if (s.exitCommand() > 0 && (s.firstMissing() == 0 || s.firstMissing() > s.exitCommand())) {
            // exit ended the session: what came after it did not run, as in sh.
            return new BatchOutcome.Completed(s.exitStatus());
        }
        String said = s.byeText() == null ? "" : " (server said: " + s.byeText() + ")";
        if (s.firstMissing() > 0) {
            String what = "before command " + s.firstMissing() + " ended";
            if (s.byeText() != null) {
                return new BatchOutcome.Failed("connection closed " + what + said);
            }
            if (s.end() instanceof ConnectionEnd.Lost lost) {
                return new BatchOutcome.Failed("connection lost " + what + ": " + lost.reason());
            }
            if (sendFailure != null) {
                return new BatchOutcome.Failed("connection lost " + what + ": " + sendFailure);
            }
            return new BatchOutcome.Failed("connection closed " + what);
        }
        if (unsent != null) {
            return new BatchOutcome.Failed("connection closed before the command at " + unsent.where()
                    + " was sent" + said);
        }
        if (scriptProblem != null) {
            return new BatchOutcome.ScriptError(scriptProblem);
        }
        if (s.byeText() != null && (!s.quitSent() || !QUIT_REPLY.equals(s.byeText()))) {
            // Every command ended, but the session was ended by the server, not by :quit: a
            // kick ends the running commands (130) first, so its bye may even follow our :quit.
            return new BatchOutcome.Failed(authority + " ended the session: " + s.byeText());
        }
        // Every command ended: a failed :quit write lost nothing.
        return new BatchOutcome.Completed(s.lastStatus());
    }
}
