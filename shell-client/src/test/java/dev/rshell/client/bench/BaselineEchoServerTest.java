package dev.rshell.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.connect.TlsTransport;
import dev.rshell.client.trust.PinnedTrust;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The in-process yardstick: one line in, {@code end N 0} out; and nothing left once closed. */
class BaselineEchoServerTest {

    private static long echoThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rshell-bench-echo")).count();
    }

    private static List<String> exchange(Socket s, String send, int lines) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(send.getBytes(StandardCharsets.UTF_8));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        List<String> got = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            got.add(in.readLine());
        }
        return got;
    }

    @Test
    void endLinesAreFormattedWithoutAllocating() {
        byte[] buf = new byte[64];
        int end = BaselineEchoServer.endLine(1, buf, 0);
        assertEquals("end 1 0\n", new String(buf, 0, end, StandardCharsets.US_ASCII));
        int next = BaselineEchoServer.endLine(Long.MAX_VALUE, buf, end);
        assertEquals("end 1 0\nend 9223372036854775807 0\n", new String(buf, 0, next, StandardCharsets.US_ASCII));
    }

    @Test
    void theEchoLoopAnswersEveryLineInOrderAndIgnoresAnUnfinishedOne() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BaselineEchoServer.echo(new ByteArrayInputStream("a\nb b\n\n:quit\nhalf".getBytes(StandardCharsets.UTF_8)),
                out);
        assertEquals("end 1 0\nend 2 0\nend 3 0\nend 4 0\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    @Timeout(20)
    void plainServerAnswersPipelinedLinesAndStopsCleanly() throws Exception {
        long before = echoThreads();
        int threadsBefore = Thread.activeCount();
        BaselineEchoServer server = BaselineEchoServer.startPlain();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertEquals("127.0.0.1", server.host());
            assertEquals(Optional.empty(), server.fingerprint());
            assertEquals(List.of("end 1 0", "end 2 0", "end 3 0"), exchange(s, "echo hi\necho hi\necho hi\n", 3));
            assertEquals(List.of("end 4 0"), exchange(s, "x\n", 1));
            try (Socket second = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                assertEquals(List.of("end 1 0"), exchange(second, "y\n", 1), "numbered per connection");
            }
            assertEquals(2, server.connections());
            // The server closes connections that are still open.
            server.close();
            assertEquals(-1, s.getInputStream().read());
        } finally {
            server.close();
        }
        server.close(); // idempotent
        assertEquals(before, echoThreads());
        assertTrue(Thread.activeCount() <= threadsBefore, "threads back to " + threadsBefore);
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), server.port()).close());
    }

    @Test
    @Timeout(20)
    void tlsServerAnswersThroughTheClientsOwnTransportPinnedToItsCertificate() throws Exception {
        long before = echoThreads();
        try (BaselineEchoServer server = BaselineEchoServer.startTls(false)) {
            String fp = server.fingerprint().orElseThrow();
            TlsTransport tls = new TlsTransport(new PinnedTrust(fp), Optional.empty(), false);
            try (Socket s = tls.connect(server.host(), server.port(), Duration.ofSeconds(5))) {
                assertEquals(List.of("end 1 0", "end 2 0"), exchange(s, "a\nb\n", 2));
            }
            // A client that pins something else is refused.
            TlsTransport wrong = new TlsTransport(new PinnedTrust("SHA256:" + "A".repeat(43)), Optional.empty(), false);
            assertThrows(Exception.class, () -> wrong.connect(server.host(), server.port(), Duration.ofSeconds(5)));
        }
        assertEquals(before, echoThreads());
    }

    @Test
    @Timeout(20)
    void closingWhileATlsClientIsConnectedDoesNotHang() throws Exception {
        BaselineEchoServer server = BaselineEchoServer.startTls(true);
        TlsTransport tls = new TlsTransport(new PinnedTrust(server.fingerprint().orElseThrow()), Optional.empty(), true);
        try (Socket s = tls.connect(server.host(), server.port(), Duration.ofSeconds(5))) {
            assertEquals(List.of("end 1 0"), exchange(s, "a\n", 1));
            long t0 = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - t0 < 3_000_000_000L, "close is bounded");
        }
        assertEquals(0, echoThreads());
    }
}
