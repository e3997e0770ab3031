package dev.rshell.client.fanout;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ProtocolViolation;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.common.protocol.ServerLine;

/**
 * One host's server lines: output to the {@link FanoutOutput} with the host's name, the
 * {@code bg}, {@code end} and {@code bye} lines to its {@link HostTracker}, the rest to its
 * {@link HostInput}. A server notice ({@code msg}) is a stderr line
 * {@value #MESSAGE_PREFIX}TEXT, as in the batch client.
 *
 * <p>Once the host is stopped (interrupted, timed out), output of the commands queued behind the
 * interrupted one is dropped: they may start in the moment before the connection closes, but
 * were never meant to run.
 *
 * <p>The gate: once {@link #close()} returned, no line of this host reaches the output any more,
 * so a host reported as ended (even by force, after an interrupt) prints nothing after its end.
 *
 * <p>Thread safety: the {@code ServerListener} methods run on the host's reader thread; they
 * deliver output under this listener's lock, which {@link #close()} (any thread) takes too.
 */
final class HostListener implements ServerListener {

    /** Prefix of a server notice on stderr. */
    static final String MESSAGE_PREFIX = "rshell: server message: ";

    private final Host host;
    private final FanoutOutput output;
    private final HostTracker tracker;
    private final HostInput input;
    private boolean closed;

    HostListener(Host host, FanoutOutput output, HostTracker tracker, HostInput input) {
        this.host = host;
        this.output = output;
        this.tracker = tracker;
        this.input = input;
    }

    @Override
    public void onLine(ServerLine line) throws ProtocolViolation {
        if (line instanceof ServerLine.Out o) {
            if (tracker.shows(o.command())) {
                deliver(HostStream.STDOUT, o.text());
            }
        } else if (line instanceof ServerLine.Err e) {
            if (tracker.shows(e.command())) {
                deliver(HostStream.STDERR, e.text());
            }
        } else if (line instanceof ServerLine.Msg m) {
            deliver(HostStream.STDERR, MESSAGE_PREFIX + m.text());
        } else if (line instanceof ServerLine.Bg b) {
            tracker.backgrounded(b.command());
        } else if (line instanceof ServerLine.End e) {
            tracker.ended(e.command(), e.status());
        } else if (line instanceof ServerLine.Bye b) {
            tracker.bye(b.text());
        } else {
            input.onLine(line);
        }
    }

    /** Tells the output the host logged in, unless the gate is closed already. */
    synchronized void loggedIn() {
        if (!closed) {
            output.loggedIn(host);
        }
    }

    private synchronized void deliver(HostStream stream, String text) {
        if (!closed) {
            output.line(host, stream, text);
        }
    }

    @Override
    public synchronized void onIdle() {
        if (!closed) {
            output.idle(host);
        }
    }

    @Override
    public void onClosed(ConnectionEnd end) {
        onIdle();
        tracker.closed(end);
    }

    /** Closes the gate; returns once no line is being delivered. */
    synchronized void close() {
        closed = true;
    }
}
