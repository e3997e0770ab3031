package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code login-grace} and {@code tls-handshake-timeout} are absolute deadlines: a peer that
 * drips one byte every 300 ms (never a whole line, never a whole ClientHello) is cut at the
 * deadline anyway. Each drip is bounded: 40 bytes, 12 s, far past the 1 or 2 s deadlines.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PreLoginDeadlineTest {

    private static final int DRIP_MILLIS = 300;
    private static final int MAX_BYTES = 40;
    private static final byte[] LOGIN_LINE = (":login alice " + "x".repeat(200) + "\n")
            .getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server.address.getAddress(), server.address.getPort()), 5000);
        return s;
    }

    @Test
    void aPlainLoginLineDrippedByteByByteIsCutAtLoginGrace() throws Exception {
        server = TestServer.start(dir, Map.of("login-grace", "2s"));
        try (Socket s = connect()) {
            Drip.Result r = Drip.drip(s, LOGIN_LINE, MAX_BYTES, DRIP_MILLIS);
            assertTrue(r.closedByServer(), "still connected after " + r.millis() + " ms of dripping: " + r);
            assertTrue(r.received().contains("bye login timeout"), r.received());
        }
    }

    @Test
    void aClientHelloDrippedByteByByteIsCutAtTheHandshakeTimeout() throws Exception {
        server = TestServer.start(dir, Map.of("tls", "on", "tls-handshake-timeout", "1s"));
        try (Socket s = connect()) {
            Drip.Result r = Drip.drip(s, Drip.clientHello(), MAX_BYTES, DRIP_MILLIS);
            assertTrue(r.closedByServer(), "still handshaking after " + r.millis() + " ms of dripping: " + r);
        }
    }

    @Test
    void aClientHelloDrippedByteByByteIsCutAtLoginGrace() throws Exception {
        server = TestServer.start(dir, Map.of("tls", "on", "login-grace", "2s", "tls-handshake-timeout", "5m"));
        try (Socket s = connect()) {
            Drip.Result r = Drip.drip(s, Drip.clientHello(), MAX_BYTES, DRIP_MILLIS);
            assertTrue(r.closedByServer(), "still handshaking after " + r.millis() + " ms of dripping: " + r);
        }
    }

    @Test
    void aLoginLineDrippedInsideTlsIsCutAtLoginGrace() throws Exception {
        // The grace includes the handshake, which takes seconds on a loaded machine; 5 s is
        // still well inside the 12 s the drip would last.
        server = TestServer.start(dir, Map.of("tls", "on", "login-grace", "5s"));
        try (RawClient c = server.connectTls(Optional.empty())) {
            c.expectPrefix("hello rshell/1.1 ");
            Drip.Result r = Drip.drip(c.socket, LOGIN_LINE, MAX_BYTES, DRIP_MILLIS);
            assertTrue(r.closedByServer(), "still connected after " + r.millis() + " ms of dripping: " + r);
            assertTrue(r.received().contains("bye login timeout"), r.received());
        }
    }
}
