package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The limits that keep a slow or hostile peer from costing unbounded memory or threads. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LimitsTest {

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAfterWriteTimeoutAndItsProcessEnds() throws Exception {
        server = TestServer.start(dir, Map.of("write-timeout", "1s"));
        RawClient c = server.login();
        c.send("sh -c 'echo $$; exec yes flood'");
        long pid = Long.parseLong(c.expectPrefix("out 1 ").substring(6));
        // From here on the client reads nothing: the server's writes stall, yes is paused.
        await("the session is dropped", 30, () -> server.server.sessions().count() == 0);
        await("yes is ended", 10, () -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        await("no thread is left busy", 10, () -> server.server.busyThreads() == 0);
        c.close();
    }

    @Test
    void aFloodOfCommandLinesIsNotReadBeyondMaxPending() throws Exception {
        server = TestServer.start(dir, Map.of("max-pending-lines", "16"));
        try (RawClient c = server.login()) {
            c.send("sleep 3");
            AtomicLong written = new AtomicLong();
            byte[] line = ("echo " + "x".repeat(58) + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] block = new byte[line.length * 1024];
            for (int i = 0; i < 1024; i++) {
                System.arraycopy(line, 0, block, i * line.length, line.length);
            }
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = c.socket.getOutputStream();
                    for (int i = 0; i < 2048; i++) { // 128 MiB in all
                        out.write(block);
                        written.addAndGet(block.length);
                    }
                } catch (IOException e) {
                    // the socket was closed by the test below
                }
            }, "test-flooder");
            writer.setDaemon(true);
            writer.start();
            Thread.sleep(1500);
            // Were the server reading without bound, 128 MiB would be gone in well under a second.
            assertTrue(writer.isAlive(), "the flooder was never pushed back");
            assertTrue(written.get() < 64L << 20, "the server took " + written.get() + " bytes while busy");
        }
        await("the flooded session ends after the disconnect", 30, () -> server.server.sessions().count() == 0);
    }

    @Test
    void sessionsEndingEveryWayLeaveNoBusyThreadsOrSessions() throws Exception {
        server = TestServer.start(dir, Map.of("login-grace", "1s", "auth-block-after", "10000"));
        for (int i = 0; i < 20; i++) {
            try (RawClient quit = server.login()) {
                quit.send("echo " + i);
                quit.send(":quit");
                quit.rest();
            }
            RawClient dropped = server.login();
            dropped.send("sleep 30");
            dropped.send("sleep 30 &");
            dropped.close(); // mid-command
            try (RawClient exit = server.login()) {
                exit.send("exit 4");
                exit.rest();
            }
            try (RawClient failed = server.connect()) {
                failed.expectPrefix("hello");
                failed.send(":login alice nope");
                failed.expect("no login failed");
            }
        }
        await("every session ended", 30, () -> server.server.sessions().count() == 0);
        await("no thread is left busy", 30, () -> server.server.busyThreads() == 0);
    }

    @Test
    void outputLinesLongerThanMaxLineAreSplit() throws Exception {
        server = TestServer.start(dir, Map.of("max-line", "1000"));
        try (RawClient c = server.login()) {
            char[] word = new char[2500];
            Arrays.fill(word, '0');
            c.send("sh -c 'printf %02500d 0'");
            StringBuilder joined = new StringBuilder();
            for (String l = c.line(); !l.equals("end 1 0"); l = c.line()) {
                assertTrue(l.startsWith("out 1 "), l);
                assertTrue(l.length() - 6 <= 1000, "line of " + (l.length() - 6));
                joined.append(l.substring(6));
            }
            assertEquals(new String(word), joined.toString());
        }
    }

    @Test
    void aSlowReaderGetsEveryLineInOrderOnceItReadsAgain() throws Exception {
        server = TestServer.start(dir);
        try (RawClient c = server.login()) {
            c.send("sh -c 'i=0; while [ $i -lt 200000 ]; do echo $i; i=$((i+1)); done'");
            Thread.sleep(1500); // not reading: the process is paused by backpressure
            for (int i = 0; i < 200_000; i++) {
                c.expect("out 1 " + i);
            }
            c.expect("end 1 0");
        }
        assertFalse(server.server.sessions().count() > 1);
    }
}
