package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.codec.LineReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code :interrupt}, output the command had already queued does not stand between the
 * client and the command's {@code end}: the server drops it and says so once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InterruptDropsOutputTest {

    /**
     * Most bytes the server may still send after it took the interrupt: the one piece it was
     * writing (8 KiB, about 900 {@code out 1 y} lines) and the last lines. Its queue alone
     * holds 64 KiB, about 7,000 such lines; what the kernels' socket buffers took before the
     * interrupt is out of the server's reach and not counted.
     */
    private static final long MAX_BYTES_AFTER_INTERRUPT = 12 * 1024;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void queuedOutputOfAnInterruptedCommandIsDroppedAndTheEndComesSoon() throws Exception {
        try (Socket socket = new Socket()) {
            // A small receive window, so the kernels hold little and the server's queue fills.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(server.address.getAddress(), server.address.getPort()), 5000);
            socket.setSoTimeout(10_000);
            LineReader in = new LineReader(socket.getInputStream(), 1 << 20);
            OutputStream out = socket.getOutputStream();
            send(out, ":login alice " + TestServer.PASSWORD);
            until(in, "cwd " + server.home);
            int notes = 0;
            for (long run = 1; run <= 3; run++) {
                send(out, "yes");
                for (int i = 0; i < 1000; i++) {
                    assertEquals("out " + run + " y", line(in));
                }
                // Not reading until the socket buffers and the server's queue are full and its
                // writes have stalled: no byte goes out for 200 ms (a cold or busy server takes
                // longer to fill them than a warm one).
                long before = stalledBytesOut();
                send(out, ":interrupt");
                // Still not reading while the server takes the interrupt: were the client to
                // drain the sockets at once, a busy server could send queued lines before its
                // reader gets to the interrupt, and those are not what this test is about.
                Thread.sleep(300);
                List<String> lines = until(in, "end " + run + " 130");
                send(out, ":ping " + run); // once answered, every byte before it is counted
                assertEquals("ok pong " + run, line(in));
                long after = server.server.counters().bytesOut() - ("ok pong " + run + "\n").length();
                long lineBytes = ("out " + run + " y\n").length();
                System.out.println("command " + run + ": " + lines.size() + " lines after the interrupt, of which "
                        + (after - before) / lineBytes + " (" + (after - before) + " bytes) sent after it was taken");
                assertTrue(after - before < MAX_BYTES_AFTER_INTERRUPT, (after - before)
                        + " bytes sent after the interrupt was taken");
                assertTrue(lines.contains("ok"), "the interrupt was answered");
                List<String> rest = lines.subList(lines.indexOf("ok"), lines.size());
                // The note comes only when lines were still queued at the interrupt; now and then
                // the queue has just drained into the socket, so one run may lack it, not all.
                List<String> withNote = List.of("ok", "err " + run + " (output dropped after interrupt)",
                        "end " + run + " 130");
                if (rest.equals(withNote)) {
                    notes++;
                } else {
                    assertEquals(List.of("ok", "end " + run + " 130"), rest, "after ok: the note at most once, then the end");
                }
            }
            assertTrue(notes > 0, "no run said its queued output was dropped");
            send(out, "echo back");
            assertEquals("out 4 back", line(in));
            assertEquals("end 4 0", line(in));
        }
    }

    /** The server's bytes out, once they have not grown for 200 ms (at most 10 s). */
    private long stalledBytesOut() throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            long now = server.server.counters().bytesOut();
            if (now == last) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the server kept writing for 10 s to a client that does not read");
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(LineReader in) throws IOException {
        LineReader.Line l = in.readLine();
        assertNotNull(l, "the connection ended");
        return l.text();
    }

    private static List<String> until(LineReader in, String last) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10_000_000; i++) {
            String l = line(in);
            lines.add(l);
            if (l.equals(last)) {
                return lines;
            }
        }
        throw new AssertionError("no '" + last + "' in 10,000,000 lines");
    }
}
