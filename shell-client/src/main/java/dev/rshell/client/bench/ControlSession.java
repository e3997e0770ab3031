package dev.rshell.client.bench;

import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One logged-in session on the side of the load, for asking the server about itself: it runs one
 * command at a time and returns its status and stdout lines ({@link #run}). The bench uses it
 * for {@code stats} before and after the run, so the session it costs is in every reading.
 *
 * <p>Thread safety: {@link #run} and {@link #close} are for the main thread; the reader thread
 * fills the current command's output under this object's monitor.
 */
final class ControlSession implements ServerListener, AutoCloseable {

    /** A command's outcome. */
    record Outcome(int status, List<String> out) {
        Outcome {
            out = List.copyOf(out);
        }
    }

    private Endpoint.LoadChannel channel;
    private volatile long sent;

    // Guarded by this.
    private final List<String> out = new ArrayList<>();
    private Integer status;
    private ConnectionEnd end;

    private ControlSession() {
    }

    /** Opens and logs in a session on {@code endpoint}. */
    static ControlSession open(Endpoint endpoint) throws SessionFailure {
        ControlSession s = new ControlSession();
        s.channel = endpoint.open(s);
        return s;
    }

    /**
     * Runs {@code command} and waits (at most {@code timeout}) for its {@code end}.
     *
     * @throws SessionFailure when the connection ends or no {@code end} comes in time
     */
    Outcome run(String command, Duration timeout) throws SessionFailure {
        synchronized (this) {
            out.clear();
            status = null;
        }
        sent++;
        try {
            channel.send(new ClientLine.CommandText(command));
            channel.flush();
        } catch (IOException e) {
            throw new SessionFailure("control session lost: " + dev.rshell.client.connect.Connection.describe(e));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            try {
                while (status == null && end == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SessionFailure("no end for " + command + " within " + timeout.toSeconds() + "s");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SessionFailure("interrupted");
            }
            if (status == null) {
                throw new SessionFailure("control session ended: " + end);
            }
            return new Outcome(status, out);
        }
    }

    @Override
    public void onLine(ServerLine line) {
        synchronized (this) {
            if (line instanceof ServerLine.Out o && o.command() == sentNumber()) {
                out.add(o.text());
            } else if (line instanceof ServerLine.End e && e.command() == sentNumber()) {
                status = e.status();
                notifyAll();
            }
        }
    }

    private long sentNumber() {
        return sent;
    }

    @Override
    public void onClosed(ConnectionEnd how) {
        synchronized (this) {
            end = how;
            notifyAll();
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
