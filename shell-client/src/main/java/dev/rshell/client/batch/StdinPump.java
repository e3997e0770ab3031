package dev.rshell.client.batch;

import dev.rshell.client.connect.Connection;
import dev.rshell.common.protocol.ClientLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Streams the client's standard input to one command, as {@code ssh host cmd} does: what is
 * read goes out as input lines ({@link InputEncoder}), never past the window the server
 * granted ({@link InputWindow}), and the end of input becomes {@code :eof N}.
 *
 * <p>Memory is bounded by one read: the pump reads at most {@link InputEncoder#PIECE} bytes,
 * and reads again only once their lines went out, so it never holds more than one piece and
 * its lines whatever the input's size. A line goes out only when the window has room for all
 * of it; otherwise the pump flushes what it sent (the server can only grant back what it has
 * seen) and waits. This can't wait forever while the command reads: a piece's lines cost less
 * than the server's window minus a quarter of it, so when they don't fit, more than a quarter
 * window is sent and not yet granted back, and rshell-server grants back what its command has
 * read at least every quarter window (and at once when it has read everything). Reading
 * before the window has room also sees the end of input at once: {@code :eof} costs nothing.
 *
 * <p>Flushing: after a read that leaves nothing more to read at once (a person typing, a slow
 * producer), the lines go out at once; while input keeps coming (a file, a fast pipe), the
 * connection's writer sends them in 64 KiB batches.
 *
 * <p>The pump stops as soon as the command can't take input any more (the window is closed:
 * the command ended, the session ended, stdout failed), sending nothing more, not even
 * {@code :eof}. It may then be blocked in a read of stdin that nothing can interrupt; it is a
 * daemon, so it never keeps the client alive, and the run never waits for it.
 *
 * <h2>Threading</h2>
 * One daemon thread per run, named {@value #THREAD_NAME}, started by {@link #start}. It reads
 * stdin and writes input lines through the {@link Sender} (the connection's writer is
 * synchronized per line, so its lines never mix with the main thread's). It prints nothing:
 * a read failure is kept ({@link #problem()}) for the main thread to print once the reader
 * thread has stopped. A write failure ends it quietly: the connection is gone, and the reader
 * thread tells the main thread why.
 */
final class StdinPump implements Runnable {

    /** The pump thread's name, so tests and thread dumps can find it. */
    static final String THREAD_NAME = "rshell-stdin";

    /** Where input lines go: the session's writer. */
    interface Sender {
        /** Buffers one line. */
        void send(ClientLine.Sendable line) throws IOException;

        /** Writes the buffered lines to the socket. */
        void flush() throws IOException;
    }

    private final InputStream in;
    private final InputWindow window;
    private final InputEncoder encoder;
    private final Sender sender;
    private final byte[] buffer = new byte[InputEncoder.PIECE];
    private volatile String problem;

    StdinPump(InputStream in, InputWindow window, InputEncoder encoder, Sender sender) {
        this.in = in;
        this.window = window;
        this.encoder = encoder;
        this.sender = sender;
    }

    /** Starts a pump on its own daemon thread. */
    static StdinPump start(InputStream in, InputWindow window, InputEncoder encoder, Sender sender) {
        StdinPump pump = new StdinPump(in, window, encoder, sender);
        Thread thread = new Thread(pump, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        return pump;
    }

    /** Why stdin could not be read to its end ("can't read standard input: ..."), or null. */
    String problem() {
        return problem;
    }

    /** True when some input could not be sent exactly as read (text input only). */
    boolean changed() {
        return encoder.changed();
    }

    @Override
    public void run() {
        try {
            pump();
        } catch (IOException e) {
            // The connection failed: the reader thread sees it and the run reports it.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A bug here must not leave the command waiting for an end of input that never comes.
            problem = "internal error in the stdin pump: " + e.getClass().getSimpleName();
            try {
                sender.send(new ClientLine.EndOfInput(window.command()));
                sender.flush();
            } catch (IOException | RuntimeException ignored) {
                // the connection is gone as well: nothing waits for the end then
            }
        }
    }

    private void pump() throws IOException, InterruptedException {
        while (true) {
            int n;
            try {
                n = in.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                problem = "can't read standard input: " + Connection.describe(e);
                n = -1; // end the command's input rather than leave it waiting forever
            }
            if (window.closed()) {
                return; // the command ended while we read: nobody takes this
            }
            if (n < 0) {
                if (sendAll(encoder.finish())) {
                    sender.send(new ClientLine.EndOfInput(window.command())); // costs no window
                    sender.flush();
                }
                return;
            }
            if (!sendAll(encoder.encode(buffer, 0, n))) {
                return;
            }
            if (nothingMoreYet()) {
                sender.flush();
            }
        }
    }

    /** Sends lines in order, each within the window; false when the window closed first. */
    private boolean sendAll(List<ClientLine.ToInput> lines) throws IOException, InterruptedException {
        for (ClientLine.ToInput line : lines) {
            long cost = line.windowBytes();
            if (window.available() < cost) {
                sender.flush();
                if (window.await(cost) < 0) {
                    return false;
                }
            }
            sender.send(line);
            window.spend(cost);
        }
        return true;
    }

    /** True when the next read may block: the moment to flush. */
    private boolean nothingMoreYet() {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            return true;
        }
    }
}
