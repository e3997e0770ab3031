package dev.rshell.client.interactive;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.common.protocol.ServerLine;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jline.utils.AttributedString;

/**
 * The reader thread's side of the interactive shell: prints the server's lines and reports
 * their meaning to {@link SessionState} and {@link Outgoing}.
 *
 * <p>{@code out} lines print plain, {@code err} red, {@code msg} as a notice ({@link Screen});
 * {@code bg N} prints {@code [N]}, and the {@code end} of a background command prints
 * {@code [N] done} or {@code [N] exit STATUS}. {@code cwd} moves the prompt; {@code ok} and
 * {@code no} answer the oldest control request (a typed control line's answer is printed as
 * it came); {@code bye} and the connection's end mark the session over, and {@code onEnd}
 * then wakes the input thread if it sits at the prompt.
 *
 * <p>After Ctrl-C: the interrupted command's {@code out} and {@code err} lines are dropped until
 * its {@code end} ({@link SessionState#output}), and the first one dropped is replaced by one
 * line, {@value #DROPPED_NOTE}, so the prompt comes back as soon as the {@code end} is read
 * rather than after megabytes of output already on their way have been printed.
 *
 * <p>Held-back lines: Tab runs the completer on the input thread inside the line reader's lock,
 * and it waits (briefly) for the {@code :complete} answer, which this thread delivers. A line
 * printed meanwhile would wait for that same lock, and the answer behind it would come only
 * after the completer gave up. So while a {@code :complete} is unanswered, lines to print are
 * held back (at most {@value #MAX_HELD_CHARS} characters; beyond that they print anyway) and
 * printed, in order, right after the answer is handed over. The server answers
 * {@code :complete} at once, so lines are held for about one round trip.
 *
 * <p>Thread safety: every method runs on the reader thread only. {@link Screen#print}, which
 * calls {@code LineReader.printAbove}, is THE call that prints from the reader thread.
 */
final class ShellListener implements ServerListener {

    /**
     * The one line shown when output of an interrupted command is dropped: the server's own
     * note's words (its {@code err N} line when it dropped queued output), so the user sees one
     * note whichever side dropped something.
     */
    static final String DROPPED_NOTE = "(output dropped after interrupt)";

    /** Most characters of output held back while a completion is answered. */
    static final int MAX_HELD_CHARS = 1 << 20;

    private final SessionState state;
    private final Outgoing outgoing;
    private final Screen screen;
    private final Runnable onEnd;
    private final Deque<AttributedString> held = new ArrayDeque<>();
    private long heldChars;

    /**
     * @param onEnd called on the reader thread once the session is over (bye or the end of
     *              the connection), after the state says so
     */
    ShellListener(SessionState state, Outgoing outgoing, Screen screen, Runnable onEnd) {
        this.state = state;
        this.outgoing = outgoing;
        this.screen = screen;
        this.onEnd = onEnd;
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        if (line instanceof ServerLine.Out o) {
            if (shown(o.command())) {
                show(screen.out(o.text()));
            }
        } else if (line instanceof ServerLine.Err e) {
            if (shown(e.command())) {
                show(screen.err(e.text()));
            }
        } else if (line instanceof ServerLine.Msg m) {
            show(screen.notice(m.text()));
        } else if (line instanceof ServerLine.Cwd c) {
            state.cwd(c.path());
        } else if (line instanceof ServerLine.Bg b) {
            state.backgrounded(b.command());
            show(screen.note("[" + b.command() + "]"));
        } else if (line instanceof ServerLine.End e) {
            SessionState.BackgroundEnd done = state.ended(e.command(), e.status());
            if (done != null) {
                show(screen.note("[" + done.command() + "] "
                        + (done.status() == 0 ? "done" : "exit " + done.status())));
            }
        } else if (line instanceof ServerLine.Ok || line instanceof ServerLine.No) {
            Outgoing.Request r = outgoing.answered(line);
            if (r.kind() == Outgoing.Kind.TYPED) {
                show(line instanceof ServerLine.No ? screen.err(line.toWire()) : screen.out(line.toWire()));
            }
            if (!outgoing.completionPending()) {
                printHeld();
            }
        } else if (line instanceof ServerLine.Bye b) {
            printHeld();
            state.bye(b.text());
            onEnd.run();
        }
        // hello can't come after login; nothing else reaches a listener.
    }

    @Override
    public void onClosed(ConnectionEnd end) {
        outgoing.closed();
        printHeld();
        state.closed(end);
        onEnd.run();
    }

    /** Whether an output line of {@code command} is to be printed; prints the note instead once. */
    private boolean shown(long command) {
        SessionState.Output fate = state.output(command);
        if (fate == SessionState.Output.FIRST_DROPPED) {
            show(screen.err(DROPPED_NOTE));
        }
        return fate == SessionState.Output.SHOWN;
    }

    private void show(AttributedString text) {
        if (heldChars < MAX_HELD_CHARS && outgoing.completionPending()) {
            held.addLast(text);
            heldChars += text.length();
            return;
        }
        printHeld();
        screen.print(text);
    }

    private void printHeld() {
        while (!held.isEmpty()) {
            screen.print(held.pollFirst());
        }
        heldChars = 0;
    }
}
