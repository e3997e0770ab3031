package dev.rshell.client.fanout;

import java.io.PrintStream;

/**
 * Prints each line as it arrives: {@code host: text}, stdout lines to stdout and stderr lines
 * to stderr ({@code --no-prefix}: the text alone). The default output for many hosts, like
 * {@code pdsh} and {@code clush} without {@code -b}.
 *
 * <p>Lines are never torn across hosts: each line, prefix and LF included, is one
 * {@code print} under this printer's lock, so two hosts' lines never mix their characters.
 * Output is buffered and flushed when a host's reader is about to wait ({@link #idle}), at each
 * host's end and at the run's end; when printing switches between stdout and stderr the other
 * stream is flushed first, so a terminal shows the lines in the order they came.
 *
 * <p>Memory: nothing is kept per host (the streams' buffers only).
 *
 * <p>Thread safety: every method takes the printer's lock; safe from any thread.
 */
public final class StreamingPrinter implements FanoutOutput {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean prefix;
    private PrintStream last;

    /**
     * @param prefix whether lines start with {@code host: } (false for {@code --no-prefix})
     */
    public StreamingPrinter(PrintStream out, PrintStream err, boolean prefix) {
        this.out = out;
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void line(Host host, HostStream stream, String text) {
        PrintStream to = stream == HostStream.STDOUT ? out : err;
        if (last != null && last != to) {
            last.flush();
        }
        last = to;
        to.print(prefix ? host.label() + ": " + text + "\n" : text + "\n");
    }

    @Override
    public synchronized void idle(Host host) {
        flush();
    }

    @Override
    public synchronized void ended(HostResult result) {
        flush();
    }

    @Override
    public synchronized void finished(java.util.List<HostResult> results) {
        flush();
    }

    private void flush() {
        out.flush();
        err.flush();
    }
}
