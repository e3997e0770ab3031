package dev.rshell.client.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.ClientLine;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stdin pump against a simulated server: it never sends past the window, holds at most one
 * piece whatever the input's size, flushes before it waits, and stops when the command can't
 * take input any more. The server is simulated inside {@code flush}: what was flushed is read
 * at once and granted back in batches of a quarter window, as rshell-server does. A pump that
 * waited without flushing would never be granted more, and the test would time out.
 */
@Timeout(30)
class StdinPumpTest {

    private static final int WINDOW = 256 * 1024;

    /** {@code size} bytes of a repeating pattern, made as they are read; records the reads asked for. */
    private static final class Generated extends InputStream {
        private final long size;
        private long position;
        int largestRead;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("the pump reads in pieces");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largestRead = Math.max(largestRead, len);
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) ((position + i) % 251);
            }
            position += n;
            return n;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, size - position);
        }
    }

    /** The server's side: checks the window at every line, grants back on flush. */
    private static final class SimulatedServer implements StdinPump.Sender {
        final InputWindow window;
        final List<ClientLine.Sendable> unflushed = new ArrayList<>();
        long granted = WINDOW;
        long sent;
        long credit;
        long received;
        long mismatches;
        boolean eof;
        boolean afterEof;
        int flushes;
        /** Close the window (the command ended) once this many bytes were received; -1: never. */
        long endAfter = -1;

        SimulatedServer(InputWindow window) {
            this.window = window;
            window.grant(WINDOW);
        }

        @Override
        public void send(ClientLine.Sendable line) {
            if (eof) {
                afterEof = true;
            }
            if (line instanceof ClientLine.EndOfInput) {
                eof = true;
            } else {
                sent += ((ClientLine.ToInput) line).windowBytes();
                assertTrue(sent <= granted, "sent " + sent + " bytes with " + granted + " granted");
            }
            unflushed.add(line);
        }

        @Override
        public void flush() {
            flushes++;
            for (ClientLine.Sendable line : unflushed) {
                if (line instanceof ClientLine.InputBytes b) {
                    byte[] bytes = b.bytes();
                    for (int i = 0; i < bytes.length; i++) {
                        if (bytes[i] != (byte) ((received + i) % 251)) {
                            mismatches++;
                        }
                    }
                    received += bytes.length;
                    credit += bytes.length;
                }
            }
            unflushed.clear();
            if (endAfter >= 0 && received >= endAfter) {
                window.close();
                return;
            }
            if (credit >= WINDOW / 4) {
                granted += credit;
                window.grant(credit);
                credit = 0;
            }
        }
    }

    @Test
    void aStreamMuchLargerThanTheWindowGoesWithinItInBoundedPiecesAndEndsWithEof() {
        long size = 20L * 1024 * 1024 + 17;
        Generated in = new Generated(size);
        InputWindow window = new InputWindow(3);
        SimulatedServer server = new SimulatedServer(window);
        StdinPump pump = new StdinPump(in, window, InputEncoder.bytes(3), server);
        pump.run();
        assertEquals(size, server.received, "every byte arrives");
        assertEquals(0, server.mismatches, "in order, unchanged");
        assertTrue(server.eof, "the end of input is sent");
        assertTrue(in.largestRead <= InputEncoder.PIECE, "a read asks for at most one piece: " + in.largestRead);
        assertNull(pump.problem());
        assertTrue(server.flushes < size / (WINDOW / 4), "flushed per window, not per line: " + server.flushes);
    }

    @Test
    void whenTheCommandEndsThePumpStopsSendingWithoutEof() {
        Generated in = new Generated(Long.MAX_VALUE); // `yes | rshell host head -1`: never ends
        InputWindow window = new InputWindow(1);
        SimulatedServer server = new SimulatedServer(window);
        server.endAfter = 3L * WINDOW;
        new StdinPump(in, window, InputEncoder.bytes(1), server).run();
        assertTrue(window.closed());
        assertEquals(false, server.eof, "nobody takes an :eof for an ended command");
        assertTrue(server.sent <= server.granted);
        assertTrue(server.received < 5L * WINDOW, "stopped at the end, received " + server.received);
    }

    @Test
    void aReadFailureEndsTheInputAndIsKeptForTheMainThread() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Is a directory");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("Is a directory");
            }
        };
        InputWindow window = new InputWindow(2);
        SimulatedServer server = new SimulatedServer(window);
        StdinPump pump = new StdinPump(broken, window, InputEncoder.bytes(2), server);
        pump.run();
        assertTrue(server.eof, "the command sees the end of its input rather than waiting forever");
        assertEquals(0, server.unflushed.size(), "and it is flushed");
        assertEquals("can't read standard input: Is a directory", pump.problem());
    }

    @Test
    void aGrantFromAnotherThreadWakesAPumpWaitingForWindow() throws Exception {
        InputWindow window = new InputWindow(4);
        List<ClientLine.Sendable> lines = new ArrayList<>();
        StdinPump.Sender sender = new StdinPump.Sender() {
            @Override
            public synchronized void send(ClientLine.Sendable line) {
                lines.add(line);
            }

            @Override
            public void flush() {
            }
        };
        Thread pump = new Thread(new StdinPump(new Generated(10), window, InputEncoder.bytes(4), sender));
        pump.start();
        // No window yet: the pump must wait, whatever the scheduling; it can't have sent anything.
        window.grant(4);
        window.grant(6);
        pump.join(20_000);
        assertEquals(false, pump.isAlive());
        synchronized (sender) {
            long bytes = lines.stream().filter(l -> l instanceof ClientLine.InputBytes)
                    .mapToLong(l -> ((ClientLine.InputBytes) l).size()).sum();
            assertEquals(10, bytes);
            assertTrue(lines.get(lines.size() - 1) instanceof ClientLine.EndOfInput);
        }
    }
}
