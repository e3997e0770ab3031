package dev.rshell.client.batch;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.common.protocol.ServerLine;
import java.io.PrintStream;

/**
 * Prints a batch session's output and feeds its {@code bg}, {@code end} and {@code bye} lines
 * to the {@link CommandTracker}.
 *
 * <p>{@code out} lines go to stdout and {@code err} lines to stderr, each followed by LF, as
 * they arrive; {@code msg} lines go to stderr as {@value #MESSAGE_PREFIX}TEXT, so a server
 * notice can't be mistaken for a command's own output. {@code hello}, {@code ok}, {@code no}
 * and {@code cwd} have no use in batch mode and are ignored.
 *
 * <p>Output is buffered and flushed when the reader would block ({@link #onIdle}), so 10,000
 * lines cost a few writes, yet nothing waits in a buffer while the server is quiet. When
 * printing switches between stdout and stderr, the other stream is flushed first, so a terminal
 * shows the lines in the order they arrived.
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
    private PrintStream last;

    BatchListener(PrintStream out, PrintStream err, CommandTracker tracker) {
        this.out = out;
        this.err = err;
        this.tracker = tracker;
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        if (line instanceof ServerLine.Out o) {
            print(out, o.text());
        } else if (line instanceof ServerLine.Err e) {
            print(err, e.text());
        } else if (line instanceof ServerLine.Msg m) {
            print(err, MESSAGE_PREFIX + m.text());
        } else if (line instanceof ServerLine.Bg b) {
            tracker.backgrounded(b.command());
        } else if (line instanceof ServerLine.End e) {
            tracker.ended(e.command(), e.status());
        } else if (line instanceof ServerLine.Bye b) {
            tracker.bye(b.text());
        }
    }

    @Override
    public void onIdle() {
        out.flush();
        err.flush();
    }

    @Override
    public void onClosed(ConnectionEnd end) {
        onIdle();
        tracker.closed(end);
    }

    private void print(PrintStream stream, String text) {
        if (last != null && last != stream) {
            last.flush();
        }
        last = stream;
        stream.print(text + "\n");
    }
}
