package dev.rshell.client.batch;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Prints a batch session's output and feeds its {@code bg}, {@code end} and {@code bye} lines
 * to the {@link CommandTracker}.
 *
 * <p>{@code out} lines go to stdout and {@code err} lines to stderr, each followed by LF, as
 * they arrive; {@code outb} and {@code errb} (protocol 1.1, {@code bytes}) go there as their
 * decoded bytes, and {@code part} as its text, both with nothing added, so a byte-exact session
 * prints exactly what the commands wrote. {@code msg} lines go to stderr as
 * {@value #MESSAGE_PREFIX}TEXT, so a server notice can't be mistaken for a command's own output.
 * {@code more} lines grant the input command's {@link InputWindow}; its {@code end}, a
 * {@code bye}, the connection's end or stdout's failure close that window. {@code hello},
 * {@code ok}, {@code no} and {@code cwd} have no use in batch mode and are ignored.
 *
 * <p>Output is buffered and flushed when the reader would block ({@link #onIdle}), so 10,000
 * lines cost a few writes, yet nothing waits in a buffer while the server is quiet. When
 * printing switches between stdout and stderr, the other stream is flushed first, so a terminal
 * shows the lines in the order they arrived.
 *
 * <p>Standard output that fails ({@link StdoutStream#failure()}, or {@link PrintStream#checkError()}
 * after a flush) ends the run at once: the failure goes to the tracker, {@code onOutputGone}
 * runs (the runner closes the connection, which makes the server interrupt every command of
 * the session), and nothing more is printed to stdout.
 *
 * <p>Thread safety: {@link #onLine} is THE call that prints from the reader thread; all methods
 * run on the reader thread only. The main thread prints nothing until the reader has stopped.
 */
final class BatchListener implements ServerListener {

    /** Prefix of a server notice ({@code msg}) on stderr. */
    static final String MESSAGE_PREFIX = "rshell: server message: ";

    private final PrintStream out;
    private final PrintStream err;
    private final CommandTracker tracker;
    private final Runnable onOutputGone;
    private final InputWindow input;
    private PrintStream last;
    private boolean outputGone;

    /** @param onOutputGone run once, on the reader thread, when stdout fails */
    BatchListener(PrintStream out, PrintStream err, CommandTracker tracker, Runnable onOutputGone) {
        this(out, err, tracker, onOutputGone, null);
    }

    /**
     * @param onOutputGone run once, on the reader thread, when stdout fails
     * @param input        the window of the command that gets stdin, or null when none does
     */
    BatchListener(PrintStream out, PrintStream err, CommandTracker tracker, Runnable onOutputGone,
                  InputWindow input) {
        this.out = out;
        this.err = err;
        this.tracker = tracker;
        this.onOutputGone = onOutputGone;
        this.input = input;
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        if (line instanceof ServerLine.Out o) {
            print(out, o.text());
        } else if (line instanceof ServerLine.Err e) {
            print(err, tracker.errText(e.command(), e.text()));
        } else if (line instanceof ServerLine.OutBytes o) {
            write(out, o::writeTo);
        } else if (line instanceof ServerLine.ErrBytes e) {
            write(err, e::writeTo);
        } else if (line instanceof ServerLine.Part p) {
            write(p.stream() == ServerLine.Stream.OUT ? out : err, s -> s.print(p.text()));
        } else if (line instanceof ServerLine.More m) {
            if (input != null && m.command() == input.command()) {
                input.grant(m.bytes());
            }
        } else if (line instanceof ServerLine.Msg m) {
            print(err, MESSAGE_PREFIX + m.text());
        } else if (line instanceof ServerLine.Bg b) {
            tracker.backgrounded(b.command());
        } else if (line instanceof ServerLine.End e) {
            tracker.ended(e.command(), e.status());
            if (input != null && e.command() == input.command()) {
                input.close();
            }
        } else if (line instanceof ServerLine.Bye b) {
            tracker.bye(b.text());
            closeInput();
        }
    }

    @Override
    public void onIdle() {
        out.flush();
        err.flush();
        if (!outputGone && out.checkError()) {
            IOException why = out instanceof StdoutStream s ? s.failure() : null;
            outputFailed(why != null ? why : new IOException("write error"));
        }
    }

    @Override
    public void onClosed(ConnectionEnd end) {
        onIdle();
        tracker.closed(end);
        closeInput();
    }

    /** A line of text: TEXT and LF. */
    private void print(PrintStream stream, String text) {
        write(stream, s -> s.print(text + "\n"));
    }

    /** Something printed to one stream. */
    @FunctionalInterface
    private interface Printing {
        void to(PrintStream stream) throws IOException;
    }

    private void write(PrintStream stream, Printing printing) {
        if (stream == out && outputGone) {
            return;
        }
        if (last != null && last != stream) {
            last.flush();
        }
        last = stream;
        try {
            printing.to(stream);
        } catch (IOException e) {
            // A PrintStream records its errors instead; they are checked below and when idle.
        }
        if (stream == out && out instanceof StdoutStream s && s.failure() != null) {
            outputFailed(s.failure()); // a full buffer was written and failed: don't wait for idle
        }
    }

    private void outputFailed(IOException why) {
        outputGone = true;
        tracker.outputFailed(why);
        closeInput();
        onOutputGone.run();
    }

    private void closeInput() {
        if (input != null) {
            input.close();
        }
    }
}
