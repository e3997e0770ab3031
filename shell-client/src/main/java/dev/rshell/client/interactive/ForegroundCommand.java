package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * One command line run in the foreground, as in a local shell: it is sent, the shell waits for
 * its {@code end} (or {@code bg}), what the user types meanwhile goes to its standard input when
 * it takes input ({@link ForegroundInput}), and Ctrl-C interrupts it ({@code :interrupt N}).
 *
 * <p>Which commands take input: against a server that granted {@code input}, every foreground
 * command line is sent as {@code :stdin LINE}, except {@code exit} and a line ending in
 * {@code &} (a background command gets no terminal input, as in a local shell). Otherwise the
 * line goes as it is, and what is typed waits for the next prompt, as in version 1.
 *
 * <p>Ctrl-C right after Enter: the line reader keeps the terminal raw without signals, so a
 * Ctrl-C typed before {@code readLine} restored the terminal is a byte, not a signal
 * ({@link TypeAhead}, or the next read of a command's line takes it as the key); and one that
 * came just as the line was accepted can be the line reader's own interrupt of this thread,
 * whose flag outlives {@code readLine}. Both count as Ctrl-C. (The only other interrupts come
 * after the state is over, or from {@link InputWake} within a read of a command's line.) The
 * server answers {@code no} to an {@code :interrupt} for a command it has not started yet, so
 * while the command still runs the interrupt is sent again, every {@link #INTERRUPT_RETRY} at
 * most {@link #INTERRUPT_TRIES} times. From the first Ctrl-C on, the command's output is dropped
 * (one note says so, {@link ShellListener#DROPPED_NOTE}), so the prompt comes back when its
 * {@code end} is read, not once what it had written is printed.
 *
 * <p>Thread safety: the input thread only; {@link #foregroundInput} is how the reader thread
 * finds the command that takes input.
 */
final class ForegroundCommand {

    /** How often an {@code :interrupt} answered {@code no} is sent again while the command runs. */
    static final Duration INTERRUPT_RETRY = Duration.ofMillis(100);
    /** How many times an {@code :interrupt} is sent for one Ctrl-C at most. */
    static final int INTERRUPT_TRIES = 20;

    private final Terminal terminal;
    private final SessionState state;
    private final Outgoing outgoing;
    private final Screen screen;
    private final AtomicReference<CommandInput> foregroundInput;
    private final ForegroundInput typing;
    /** What was half typed to the last command when it ended, or null. */
    private String leftOver;

    ForegroundCommand(Terminal terminal, SessionState state, Outgoing outgoing, Screen screen,
                      AtomicReference<CommandInput> foregroundInput, ForegroundInput typing) {
        this.terminal = terminal;
        this.state = state;
        this.outgoing = outgoing;
        this.screen = screen;
        this.foregroundInput = foregroundInput;
        this.typing = typing;
    }

    /**
     * Sends command line {@code line} and waits until it ends or goes to the background.
     *
     * @param withInput the server granted {@code input}: what is typed meanwhile goes to the
     *                  command (unless it is {@code exit} or runs in the background)
     * @return false when the session is over
     */
    boolean run(String line, boolean withInput) {
        // What Ctrl-C leaves on the screen: the terminal echoes ^C for a signal, not for a byte.
        String ctrlC = Thread.interrupted() ? "^C" : null;
        String first = line.strip().split("[ \t]", 2)[0];
        boolean isExit = first.equals("exit");
        long n = state.startForeground(isExit);
        CommandInput input = withInput && !isExit && !LineShape.background(line) ? new CommandInput(n) : null;
        leftOver = null;
        foregroundInput.set(input);
        Attributes mode = input == null ? null : ForegroundInput.quiet(terminal);
        try {
            return awaitForeground(n, send(line, input), ctrlC);
        } finally {
            ForegroundInput.restore(terminal, mode);
            foregroundInput.set(null);
            if (input != null) {
                leftOver = typing.leftOver();
            }
        }
    }

    /**
     * Sends command line {@code line}: with {@code :stdin} when {@code input} is there to take what
     * is typed, plainly otherwise (a version 1 server, {@code exit}, a background command, which
     * gets no terminal input as in a local shell).
     *
     * @return {@code input}
     */
    private CommandInput send(String line, CommandInput input) {
        try {
            if (input != null) {
                outgoing.command(new ClientLine.StdinCommand(line));
            } else {
                outgoing.command(new ClientLine.CommandText(line));
            }
        } catch (IOException e) {
            // The reader sees the connection end and says how; the wait below returns then.
        }
        return input;
    }

    /** The wait of {@link #foreground}: typed lines go to {@code input} (if any) meanwhile. */
    private boolean awaitForeground(long n, CommandInput input, String typedCtrlC) {
        String ctrlC = typedCtrlC;
        boolean interruptNow = false;
        if (input == null && TypeAhead.ctrlCPending(terminal)) {
            ctrlC = "^C";
        }
        if (input != null && ctrlC == null) {
            // (A Ctrl-C typed ahead is read by the line reader here, as a key.)
            interruptNow = typing.run(input) == ForegroundInput.Result.CTRL_C; // its ^C is on the screen
        }
        Outgoing.Request interrupt = null;
        int tries = 0;
        while (true) {
            if ((ctrlC != null || interruptNow) && !state.over()) {
                if (ctrlC != null) {
                    // After the terminal's own ^C, this ends the line it is on.
                    screen.print(screen.note(ctrlC));
                }
                ctrlC = null;
                interruptNow = false;
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
    /** What the user had half typed to the last command when it ended (the next prompt starts with it), or null. */
    String leftOver() {
        return leftOver;
    }
}
