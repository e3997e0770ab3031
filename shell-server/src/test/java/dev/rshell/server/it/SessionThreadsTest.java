package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session costs in threads, and the hand-over from the startup thread (handshake,
 * login) to the reader: an idle logged-in session is one reader, nothing else; nothing the
 * client sent is lost at the hand-over, over plain TCP or TLS.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SessionThreadsTest {

    @TempDir
    Path dir;
    TestServer server;
    final List<RawClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (RawClient c : clients) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Waits (bounded) for the server's busy threads to settle at {@code expected}: a startup
     * thread returns, and a runner retires, just after the line the client waited for.
     */
    private void assertBusySettlesAt(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (server.server.busyThreads() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, server.server.busyThreads());
    }

    @Test
    void anIdleLoggedInSessionHoldsOneReaderAndNothingElse() throws Exception {
        server = TestServer.start(dir);
        for (int i = 0; i < 20; i++) {
            clients.add(server.login());
        }
        assertBusySettlesAt(20);
        for (int i = 0; i < clients.size(); i++) {
            RawClient c = clients.get(i);
            c.send("echo " + i);
            c.expect("out 1 " + i);
            c.expect("end 1 0");
        }
        assertBusySettlesAt(20); // every runner retired; the readers read on
        for (RawClient c : clients) {
            c.send(":quit");
            assertEquals(List.of("bye goodbye"), c.rest());
        }
        assertBusySettlesAt(0);
    }

    @Test
    void linesSentRightAfterTheLoginAreNotLostAtTheHandOver() throws Exception {
        server = TestServer.start(dir);
        RawClient c = server.connect();
        clients.add(c);
        c.expectPrefix("hello rshell/1.1 ");
        // One write: the startup thread reads the commands along with :login, so the reader
        // that takes over must find them in the line reader's buffer.
        c.sendRaw((":login alice " + TestServer.PASSWORD + "\necho one\n:ping x\necho two\n")
                .getBytes(StandardCharsets.UTF_8));
        c.expect("ok logged in as alice (operator)");
        c.expect("cwd " + server.home);
        List<String> lines = new ArrayList<>();
        while (!lines.contains("end 2 0") || !lines.contains("ok pong x")) {
            lines.add(c.line());
            assertTrue(lines.size() <= 5, lines.toString());
        }
        assertTrue(lines.indexOf("out 1 one") < lines.indexOf("end 1 0"), lines.toString());
        assertTrue(lines.indexOf("end 1 0") < lines.indexOf("out 2 two"), lines.toString());
        assertTrue(lines.indexOf("out 2 two") < lines.indexOf("end 2 0"), lines.toString());
    }

    @Test
    void aTlsSessionReadsOnAfterTheHandOver() throws Exception {
        server = TestServer.start(dir, Map.of("tls", "on"));
        RawClient c = server.login(server.connectTls(Optional.empty()), "alice", "operator");
        clients.add(c);
        assertBusySettlesAt(1);
        c.send("echo after the login");
        c.expect("out 1 after the login");
        c.expect("end 1 0");
        c.send(":ping");
        c.expect("ok pong");
        c.send("echo " + "x".repeat(5000)); // longer than the reader's first buffer
        c.expect("out 2 " + "x".repeat(5000));
        c.expect("end 2 0");
    }
}
