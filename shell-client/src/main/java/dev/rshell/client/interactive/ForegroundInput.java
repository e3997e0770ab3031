package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ClientLine;
import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;

/**
 * What the user types while a command started with {@code :stdin} runs in the foreground goes to
 * its standard input, as in a local shell: a line per Enter, edited with JLine
 * ({@code :in N TEXT}), Ctrl-D on an empty line ends the input ({@code :eof N}), Ctrl-C
 * interrupts (the caller sends {@code :interrupt N}).
 *
 * <p>The prompt of each line is what the command printed with no newline yet ({@code part}
 * lines, {@link CommandInput}), so {@code rm -i f} asks on the line where the answer is typed.
 * A prompt that asks for a password ({@link SecretPrompt}) is answered without echo. Lines typed
 * here never enter the history. When the prompt changes while a line is half typed, the read is
 * ended by the reader thread ({@link InputWake}) and started again with the new prompt and the
 * half-typed text (text typed without echo is carried only into another such prompt).
 *
 * <p>The screen: JLine erases the edited line when a read ends (the option
 * {@code ERASE_LINE_ON_FINISH}, on only for these reads), and this class prints what stays: the
 * prompt and the line typed after it (no text for a hidden one), with {@code ^C} after Ctrl-C.
 * A read ended by a wake-up leaves nothing, so no empty line remains when the command ends.
 *
 * <p>The window: nothing is ever sent past the server's window for the command
 * ({@link CommandInput#spendPrefix}). A line goes as far as the window has room, the rest as the
 * command reads; a line with no room at all within {@link #WINDOW_WAIT} is refused with a message.
 *
 * <p>Thread safety: the input thread only.
 */
final class ForegroundInput {

    /** How the input of the command came to an end, for the caller. */
    enum Result {
        /** The command ended or went to the background, or the session is over. */
        SETTLED,
        /** Ctrl-D: {@code :eof} was sent; the command runs on without input. */
        END_OF_INPUT,
        /** Ctrl-C, as a key or a signal between reads (shown as {@code ^C}): the caller interrupts the command. */
        CTRL_C
    }

    /** How long a typed line waits for room in the command's window before it is refused. */
    static final Duration WINDOW_WAIT = Duration.ofSeconds(1);

    private final LineReader reader;
    private final Screen screen;
    private final Outgoing outgoing;
    private final SessionState state;
    private final ShellHistory history;
    private final InputWake wake;
    /** Half-typed text when the command ended: the next shell prompt starts with it. */
    private String leftOver;

    ForegroundInput(LineReader reader, Screen screen, Outgoing outgoing, SessionState state,
                    ShellHistory history, InputWake wake) {
        this.reader = reader;
        this.screen = screen;
        this.outgoing = outgoing;
        this.state = state;
        this.history = history;
        this.wake = wake;
    }

    /** Reads lines for {@code input}'s command until it is settled, Ctrl-D or Ctrl-C. */
    Result run(CommandInput input) {
        leftOver = null;
        String carried = null;
        boolean carriedHidden = false;
        while (true) {
            List<CommandInput.Piece> shown = List.of();
            boolean hidden = false;
            String line = null;
            String partial = null;
            boolean settled = false;
            boolean signalled = false;
            boolean endOfInput = false;
            InputWake.Left left;
            wake.enter();
            try {
                if (input.isDone() || state.foregroundSettled()) {
                    settled = true;
                } else if (state.takeInterruptRequest()) {
                    signalled = true;
                } else {
                    shown = input.prompt();
                    hidden = SecretPrompt.asks(CommandInput.text(shown));
                    String buffer = carried != null && (hidden || !carriedHidden) ? carried : null;
                    line = read(screen.prompt(shown), hidden, buffer);
                }
            } catch (UserInterruptException e) {
                partial = e.getPartialLine();
            } catch (EndOfFileException | IOError e) {
                // Ctrl-D on an empty line; or the terminal is gone, and nothing more can be typed.
                endOfInput = true;
            } finally {
                left = wake.leave();
            }
            if (settled) {
                leftOver = carriedHidden ? null : carried;
                return Result.SETTLED;
            }
            carried = null;
            if (signalled) {
                // The terminal does not echo now (quiet), so the ^C is shown here.
                screen.print(screen.answered(input.claim(input.prompt()), "^C"));
                return Result.CTRL_C;
            }
            if (line != null) {
                send(input, line, hidden, shown);
                if (left == InputWake.Left.INTERRUPTED) {
                    return Result.CTRL_C; // a Ctrl-C just as the line ended: it still counts
                }
                continue;
            }
            if (left == InputWake.Left.WOKEN && !endOfInput) {
                carried = partial;
                carriedHidden = hidden;
                continue;
            }
            List<CommandInput.Piece> claimed = input.claim(shown);
            if (endOfInput) {
                if (!claimed.isEmpty()) {
                    screen.print(screen.answered(claimed, ""));
                }
                try {
                    outgoing.input(List.of(new ClientLine.EndOfInput(input.command())));
                } catch (IOException e) {
                    // the reader sees the connection end
                }
                return Result.END_OF_INPUT;
            }
            screen.print(screen.answered(claimed, (hidden || partial == null ? "" : partial) + "^C"));
            return Result.CTRL_C;
        }
    }

    /**
     * Puts the terminal into the mode it has between two reads while the command runs: no echo,
     * not line by line, signals on. Why: the line reader echoes what is typed and restores the
     * mode it found when a read ends, and with the terminal's own echo on, keys typed between two
     * reads (right after Enter, or a paste) would show twice, once from the terminal and once in
     * the line the reader then shows. A Ctrl-C between reads is then the terminal's signal.
     *
     * @return the mode to restore when the command is over; null when the terminal has none
     */
    static Attributes quiet(Terminal terminal) {
        try {
            Attributes saved = terminal.getAttributes();
            Attributes quiet = new Attributes(saved);
            quiet.setLocalFlag(Attributes.LocalFlag.ECHO, false);
            quiet.setLocalFlag(Attributes.LocalFlag.ICANON, false);
            quiet.setLocalFlag(Attributes.LocalFlag.ISIG, true);
            quiet.setControlChar(Attributes.ControlChar.VMIN, 1);
            quiet.setControlChar(Attributes.ControlChar.VTIME, 0);
            terminal.setAttributes(quiet);
            return saved;
        } catch (IOError | RuntimeException e) {
            return null; // no terminal modes: nothing to restore
        }
    }

    /** Restores the mode {@link #quiet} saved. */
    static void restore(Terminal terminal, Attributes saved) {
        if (saved == null) {
            return;
        }
        try {
            terminal.setAttributes(saved);
        } catch (IOError | RuntimeException e) {
            // the terminal is gone; the shell notices at the next read
        }
    }

    /** What was half typed when the command ended (never hidden text), or null. */
    String leftOver() {
        return leftOver;
    }

    /** One read with the option that erases the line at its end, and no history. */
    private String read(String prompt, boolean hidden, String buffer) {
        reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, true);
        history.secret(true);
        try {
            return reader.readLine(prompt, null, hidden ? Character.valueOf('\0') : null, buffer);
        } finally {
            history.secret(false);
            reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, false);
        }
    }

    /**
     * Shows the answered line and sends it within the window: what fits now goes at once; the
     * rest as the command reads (each {@code more}). When nothing fits within
     * {@link #WINDOW_WAIT}, the line is refused, nothing of it sent. Once part of it went, the
     * rest waits until the command reads it, ends, or Ctrl-C, so the command never gets half a
     * line because it was slow; one note says the shell is waiting.
     */
    private void send(CommandInput input, String line, boolean hidden, List<CommandInput.Piece> shown) {
        screen.print(screen.answered(input.claim(shown), hidden ? "" : line));
        List<ClientLine.ToInput> lines;
        try {
            lines = InputLines.of(input.command(), line);
        } catch (IllegalArgumentException e) {
            screen.print(screen.err("rshell: " + e.getMessage() + "; not sent"));
            return;
        }
        long[] costs = new long[lines.size()];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = lines.get(i).windowBytes();
        }
        int sent = 0;
        boolean noted = false;
        try {
            while (sent < lines.size()) {
                int fit = input.spendPrefix(costs, sent, WINDOW_WAIT);
                if (fit > 0) {
                    outgoing.input(lines.subList(sent, sent + fit));
                    sent += fit;
                } else if (input.isDone() || state.foregroundSettled() || state.interruptRequested()) {
                    return; // (a Ctrl-C is taken by the next turn of the read loop)
                } else if (sent == 0) {
                    screen.print(screen.err("rshell: not sent: command " + input.command()
                            + " is not reading its input (its window is full)"));
                    return;
                } else if (!noted) {
                    screen.print(screen.note("rshell: waiting for command " + input.command()
                            + " to read the rest of the line (Ctrl-C interrupts it)"));
                    noted = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // nobody interrupts here; if one did, the foreground wait sees it
        } catch (IOException e) {
            // the reader sees the connection end and says how
        }
    }
}
