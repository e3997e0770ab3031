package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Everything the server sends on one logged-in connection, read as it comes by a thread of its
 * own, so the test can write (a pipelined burst, a signal to the server) while the server
 * writes, and look at the whole conversation afterwards.
 *
 * <p>Thread safety: the reader thread appends; the test thread sends and waits. The line list
 * is guarded by this object.
 */
final class Transcript implements AutoCloseable {

    private final FaultTest.Conn conn;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private boolean ended;

    Transcript(FaultTest.Conn conn, String name) throws IOException {
        this.conn = conn;
        conn.socket.setSoTimeout(60_000); // a guard: sessions stay silent while others are set up
        reader = new Thread(this::read, "test-transcript-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            for (String l = conn.in.readLine(); l != null; l = conn.in.readLine()) {
                synchronized (this) {
                    lines.add(l);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // closed by the test, or cut by the server: the lines so far are the transcript
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    void send(String line) throws IOException {
        conn.send(line);
    }

    /** Waits, at most {@code seconds}, for a line matching {@code test}; answers it. */
    synchronized String await(Predicate<String> test, long seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (test.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            assertTrue(left > 0 && !ended, "no " + what + " within " + seconds + " s"
                    + (ended ? " (the connection ended)" : "") + "; got " + tail());
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits, at most {@code seconds}, for the server to end the connection; answers every line. */
    synchronized List<String> awaitEnd(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ended) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "the connection did not end within " + seconds + " s; got " + tail());
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(lines);
    }

    /** The lines so far. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private String tail() {
        return lines.subList(Math.max(0, lines.size() - 10), lines.size()).toString();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        conn.close();
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
