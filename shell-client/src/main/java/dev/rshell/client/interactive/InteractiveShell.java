package dev.rshell.client.interactive;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive rshell: a JLine line editor on a terminal, connected to one session.
 *
 * <h2>Threading</h2>
 * <ul>
 *   <li><b>The input thread</b> (the caller of {@link #run}, the main thread) only reads keys
 *       and sends lines. It edits a line with {@link LineReader#readLine}, sends it, and for a
 *       command waits for that command's {@code end} (or {@code bg}) before it shows the prompt
 *       again: the foreground model of a local shell. It never reads the socket.</li>
 *   <li><b>The reader thread</b> ({@code rshell-reader}, a daemon started by the
 *       {@link dev.rshell.client.connect.Connection}) owns the socket's input. Its listener,
 *       {@link ShellListener}, prints every line through {@link LineReader#printAbove}: THE one
 *       call that prints from the reader thread (the output of a command the user interrupted
 *       it drops, until that command's {@code end}). While the user edits, printAbove draws the
 *       line above the prompt and redraws the prompt, the half-typed line and the cursor; while
 *       a command runs in the foreground it simply prints the next line. The listener also
 *       records {@code cwd}, {@code bg}, {@code end} and {@code bye} in {@link SessionState},
 *       which wakes the input thread, and hands {@code ok}/{@code no} to the oldest control
 *       request ({@link Outgoing}).</li>
 *   <li><b>The terminal's signal thread</b> runs the Ctrl-C handler while no line is being
 *       edited: it only flags the running foreground command ({@link SessionState#requestInterrupt}),
 *       and the input thread sends {@code :interrupt N}. At the prompt, the line reader owns
 *       Ctrl-C: it clears the line.</li>
 *   <li><b>The keepalive threads</b> ({@link Keepalive}, only with {@code --keepalive}) send
 *       {@code :ping} and, when an answer is missing, mark the state silent and close the
 *       connection.</li>
 * </ul>
 * When the session ends while the input thread sits at the prompt (bye, a dropped connection, a
 * silent server), the reader thread interrupts the input thread, which makes {@code readLine}
 * return; this is the only interrupt the shell sends itself. Shutdown is explicit and ordered:
 * the keepalive stops, the connection closes and its reader thread is joined, and only then
 * does printing stop, before the caller closes the terminal (JLine's printAbove throws on a
 * closed terminal).
 *
 * <h2>Lines</h2>
 * Blank and comment-only lines are not sent. {@code exit} alone, {@code :quit} and Ctrl-D on an
 * empty line quit (Ctrl-D while background commands run first warns, once, as bash does: the
 * next Ctrl-D quits): background commands are interrupted, {@code :quit} is sent, and the shell
 * waits (at most {@link ShellSettings#quitTimeout()}) for {@code bye}. {@code exit STATUS} is
 * sent as a command, and the session ends with its status. {@code passwd} alone asks for the
 * old and the new password without echo and sends {@code passwd 'OLD' 'NEW'}. {@code :login} is
 * refused (the session is logged in); other control lines are sent and their answer shown.
 *
 * <h2>Exit status</h2>
 * {@link ShellOutcome.Ended} with the last foreground command's status, as in {@code sh}; or
 * {@link ShellOutcome.Failed} (status 255) when the session could not start, the connection
 * dropped, the server went silent or ended the session itself.
 */
public final class InteractiveShell {

    /** How often an {@code :interrupt} answered {@code no} is sent again while the command runs. */
    static final Duration INTERRUPT_RETRY = Duration.ofMillis(100);
    /** How many times an {@code :interrupt} is sent for one Ctrl-C at most. */
    static final int INTERRUPT_TRIES = 20;

    /** How long a typed control line's answer is waited for before the prompt comes back. */
    static final Duration TYPED_CONTROL_WAIT = Duration.ofSeconds(5);

    private final SessionSpec spec;
    private final Terminal terminal;
    private final ShellSettings settings;
    private final SessionState state = new SessionState();
    private final Outgoing outgoing = new Outgoing();
    private final ShellHistory history = new ShellHistory();
    private final Thread inputThread = Thread.currentThread();
    private volatile boolean atPrompt;
    private volatile boolean secretInput;
    private volatile Keepalive keepalive;
    private LineReader reader;
    private Screen screen;
    /** Whether the last thing typed was a Ctrl-D that only warned of running jobs. */
    private boolean jobsWarned;

    private InteractiveShell(SessionSpec spec, Terminal terminal, ShellSettings settings) {
        this.spec = spec;
        this.terminal = terminal;
        this.settings = settings;
    }

    /**
     * Connects, logs in and runs the shell on {@code terminal} until the user quits or the
     * session ends. The terminal stays open (the caller owns it); nothing prints to it any more
     * when this returns. Never throws at the user.
     */
    public static ShellOutcome run(SessionSpec spec, Terminal terminal, ShellSettings settings) {
        return new InteractiveShell(spec, terminal, settings).run();
    }

    private ShellOutcome run() {
        reader = lineReader();
        screen = new Screen(reader, settings.color());
        WireTap tap = new WireTap(spec.transport(), () -> { });
        ShellListener listener = new ShellListener(state, outgoing, screen, this::sessionOver);
        ClientSession session;
        try {
            session = ClientSession.open(tap.spec(spec), listener);
        } catch (SessionFailure f) {
            screen.detach();
            return new ShellOutcome.Failed(tap.explain(spec.authority(), f.getMessage()));
        }
        outgoing.attach(session);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> state.requestInterrupt());
        try {
            state.awaitCwd(spec.timeout());
            if (settings.keepalive() != null) {
                keepalive = Keepalive.start(settings.keepalive(), this::ping, () -> {
                    state.silent();
                    session.close();
                });
            }
            String user = tap.user() != null ? tap.user() : spec.user();
            loop(new Prompt(user, spec.host(), "admin".equals(tap.role())));
        } catch (InterruptedException e) {
            // Only sessionOver interrupts this thread, and the state already says why.
        } finally {
            Keepalive k = keepalive;
            if (k != null) {
                k.close();
            }
            session.close();
            terminal.handle(Terminal.Signal.INT, previous);
            screen.detach();
            saveHistory();
            Thread.interrupted(); // a late wake-up from sessionOver must not leak to the caller
        }
        return state.outcome(spec.authority());
    }

    private LineReader lineReader() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("rshell")
                .parser(new WordParser())
                .completer(new RemoteCompleter(outgoing, settings.completionTimeout(), () -> !secretInput))
                .completionMatcher(new ServerMatcher())
                .history(history)
                // Lines go to the server exactly as typed: no !-expansion, no escape stripping.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false);
        Path file = ShellHistory.privateFile(settings.historyFile(), terminal);
        if (file != null) {
            builder.variable(LineReader.HISTORY_FILE, file);
        }
        return builder.build();
    }

    private void saveHistory() {
        try {
            history.save();
        } catch (IOException | RuntimeException e) {
            // Lines were appended as entered; losing the final rewrite loses nothing typed.
        }
    }

    private void loop(Prompt prompt) throws InterruptedException {
        while (true) {
            String line;
            try {
                line = read(prompt.text(state.cwdPath(), state.home()), null);
            } catch (UserInterruptException e) {
                if (state.over()) {
                    return;
                }
                continue; // Ctrl-C at the prompt: the line is dropped, a fresh prompt comes
            } catch (EndOfFileException | IOError e) {
                // Ctrl-D on an empty line, or the terminal went away.
                if (e instanceof EndOfFileException && !jobsWarned && !state.over() && !state.background().isEmpty()) {
                    // As bash: the first Ctrl-D with running jobs only warns; the next one quits.
                    jobsWarned = true;
                    screen.print(screen.err("there are running jobs; Ctrl-D again to quit"));
                    continue;
                }
                if (!state.over()) {
                    screen.print(screen.note(""));
                    quit();
                }
                return;
            }
            jobsWarned = false;
            if (line == null || !dispatch(line)) {
                return;
            }
        }
    }

    /**
     * Reads a line at the prompt; null when the session is already over. While it waits, the
     * reader thread may interrupt it ({@link #sessionOver}).
     */
    private String read(String promptText, Character mask) {
        Thread.interrupted(); // a stale wake-up: the state is checked right after
        atPrompt = true;
        try {
            // Set before, checked after (and the reader sets the state before it checks
            // atPrompt): one of the two always sees the other.
            if (state.over()) {
                return null;
            }
            return reader.readLine(promptText, mask);
        } finally {
            atPrompt = false;
        }
    }

    /** Reader thread: the session is over; get the input thread out of readLine. */
    private void sessionOver() {
        if (atPrompt) {
            inputThread.interrupt();
        }
    }

    /** Acts on one typed line; false when the shell is done. */
    private boolean dispatch(String line) throws InterruptedException {
        ClientLine kind = ClientLine.classify(line);
        String trimmed = line.strip();
        if (kind instanceof ClientLine.Blank) {
            return !state.over();
        }
        if (line.endsWith("\r")) {
            // A literal CR (Ctrl-V Ctrl-M) at the end: the server would drop it, so it can't go as typed.
            screen.print(screen.err("rshell: a line can't end with CR; not sent"));
            return !state.over();
        }
        if (kind instanceof ClientLine.Quit || trimmed.equals("exit")) {
            quit();
            return false;
        }
        if (kind instanceof ClientLine.Login) {
            screen.print(screen.err("rshell: already logged in; :login is not sent"));
            return true;
        }
        if (!(kind instanceof ClientLine.CommandText)) {
            typedControl(line);
            return !state.over();
        }
        String command = line;
        if (trimmed.equals("passwd")) {
            command = passwdLine();
            if (command == null) {
                return !state.over();
            }
        }
        return foreground(command);
    }

    /**
     * Sends a command line and waits until it ends or goes to the background; Ctrl-C meanwhile
     * sends {@code :interrupt N}.
     *
     * <p>Ctrl-C right after Enter: the line reader keeps the terminal raw without signals, so a
     * Ctrl-C typed before {@code readLine} restored the terminal is a byte, not a signal
     * ({@link TypeAhead}); and one that came just as the line was accepted can be the line
     * reader's own interrupt of this thread, whose flag outlives {@code readLine}. Both count
     * as Ctrl-C. (The only other interrupt, {@link #sessionOver}, comes after the state is
     * over.) The server answers {@code no} to an {@code :interrupt} for a command it has not
     * started yet, so while the command still runs the interrupt is sent again, every
     * {@link #INTERRUPT_RETRY} at most {@link #INTERRUPT_TRIES} times. From the first Ctrl-C on,
     * the command's output is dropped (one note says so, {@link ShellListener#DROPPED_NOTE}), so
     * the prompt comes back when its {@code end} is read, not once what it had written is printed.
     */
    private boolean foreground(String line) {
        // What Ctrl-C leaves on the screen: the terminal echoes ^C for a signal, not for a byte.
        String ctrlC = Thread.interrupted() ? "^C" : null;
        String first = line.strip().split("[ \t]", 2)[0];
        long n = state.startForeground(first.equals("exit"));
        try {
            outgoing.command(new ClientLine.CommandText(line));
        } catch (IOException e) {
            // The reader sees the connection end and says how; the wait below returns then.
        }
        if (TypeAhead.ctrlCPending(terminal)) {
            ctrlC = "^C";
        }
        Outgoing.Request interrupt = null;
        int tries = 0;
        while (true) {
            if (ctrlC != null && !state.over()) {
                // After the terminal's own ^C, this ends the line it is on.
                screen.print(screen.note(ctrlC));
                ctrlC = null;
                state.interrupting(n); // its output from now on is not shown: the prompt need not wait for it
                interrupt = sendInterrupt(n);
                tries = 1;
            }
            SessionState.Wake wake;
            try {
                wake = state.awaitForeground(interrupt == null ? null : INTERRUPT_RETRY);
            } catch (InterruptedException e) {
                ctrlC = "^C";
                continue;
            }
            switch (wake) {
                case ENDED, BACKGROUND -> {
                    return !state.over();
                }
                case OVER -> {
                    return false;
                }
                case INTERRUPT -> ctrlC = "";
                case TIMEOUT -> {
                    ServerLine answer = interrupt == null ? null : interrupt.reply().getNow(null);
                    if (answer instanceof ServerLine.No && tries < INTERRUPT_TRIES) {
                        interrupt = sendInterrupt(n); // not started yet: try again
                        tries++;
                    } else if (answer != null || interrupt == null) {
                        interrupt = null;
                    }
                }
                default -> throw new IllegalStateException(wake.toString());
            }
        }
    }

    private Outgoing.Request sendInterrupt(long n) {
        try {
            return outgoing.control(new ClientLine.Interrupt(n), Outgoing.Kind.INTERRUPT);
        } catch (IOException e) {
            return null; // the reader sees the connection end
        }
    }

    /** A control line the user typed: sent, and its answer (printed by the reader) awaited. */
    private void typedControl(String line) {
        try {
            outgoing.control(new ClientLine.Verbatim(line), Outgoing.Kind.TYPED).reply()
                    .get(TYPED_CONTROL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException | ExecutionException | TimeoutException e) {
            // no answer in time: the prompt comes back; a late answer still prints
        } catch (InterruptedException e) {
            // the session is over; the caller checks
        }
    }

    /**
     * {@code passwd} alone: asks for the old and the new password (twice) without echo and
     * builds {@code passwd 'OLD' 'NEW'}; null when the user gave up or the two differ.
     */
    private String passwdLine() {
        secretInput = true;
        history.secret(true);
        try {
            String old = read("Old password: ", '\0');
            String neu = old == null ? null : read("New password: ", '\0');
            String again = neu == null ? null : read("Retype new password: ", '\0');
            if (again == null) {
                return null;
            }
            if (!neu.equals(again)) {
                screen.print(screen.err("passwd: the new passwords differ; nothing changed"));
                return null;
            }
            return "passwd " + quote(old) + " " + quote(neu);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        } finally {
            history.secret(false);
            secretInput = false;
        }
    }

    /** One command word that reads back as exactly {@code text}: {@code '…'}, with {@code '\''} for a quote. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Quits: interrupts background commands, sends {@code :quit}, waits (bounded) for bye. */
    private void quit() throws InterruptedException {
        state.quitting();
        try {
            for (long n : state.background()) {
                outgoing.control(new ClientLine.Interrupt(n), Outgoing.Kind.INTERRUPT);
            }
            outgoing.quit();
        } catch (IOException e) {
            return; // the connection is gone already
        }
        state.awaitOver(settings.quitTimeout());
    }

    /** The keepalive's ping, answered through the control queue. */
    private boolean ping() throws IOException {
        if (state.over()) {
            return false;
        }
        outgoing.control(new ClientLine.Ping(), Outgoing.Kind.PING).reply().thenRun(() -> {
            Keepalive k = keepalive;
            if (k != null) {
                k.pong();
            }
        });
        return true;
    }
}
