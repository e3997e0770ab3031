package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Jobs, follow, and the built-ins that reach other sessions, over real sockets. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ManySessionsTest {

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anIdleSessionIsWarnedThenClosedButARunningCommandIsActivity() throws Exception {
        server = TestServer.start(dir, Map.of("idle-timeout", "3s"));
        try (RawClient busy = server.login(); RawClient idle = server.login()) {
            busy.send("sleep 4");
            String warning = idle.line();
            assertTrue(warning.startsWith("msg idle: this session will be closed in "), warning);
            assertEquals(List.of("bye idle timeout"), idle.rest());
            busy.expect("end 1 0"); // four seconds of sleep outlived the three-second limit
            busy.send("echo still here");
            busy.expect("out 2 still here");
        }
    }

    @Test
    void jobsKillAndWait() throws Exception {
        server = TestServer.start(dir);
        try (RawClient c = server.login()) {
            c.send("sleep 30 &");
            c.expect("bg 1");
            c.send("sh -c 'exit 3' &");
            c.expect("bg 2");
            c.send("wait 2");
            List<String> lines = c.until("end 3 3");
            assertTrue(lines.contains("end 2 3"), lines.toString());
            c.send("jobs");
            String job = c.expectPrefix("out 4 [1] running ");
            assertTrue(job.endsWith("sleep 30 &") || job.endsWith("sleep 30"), job);
            c.expect("end 4 0");
            c.send("kill 1");
            lines = new java.util.ArrayList<>();
            while (!lines.contains("end 5 0") || !lines.contains("end 1 130")) {
                lines.add(c.line()); // the job's end comes when it has stopped, before or after kill's
            }
            c.send("jobs");
            c.expect("end 6 0"); // nothing left running
            c.send("kill 1");
            c.expect("err 7 kill: 1: no such background command");
            c.expect("end 7 1");
        }
    }

    @Test
    void tailFollowsAGrowingFileInTheBackgroundAcrossRotation() throws Exception {
        server = TestServer.start(dir);
        Path log = server.home.resolve("app.log");
        Files.writeString(log, "old\n");
        try (RawClient c = server.login()) {
            c.send("tail -f -n 1 app.log &");
            c.expect("bg 1");
            c.expect("out 1 old");
            Files.writeString(log, "one\n", java.nio.file.StandardOpenOption.APPEND);
            c.expect("out 1 one");
            c.send("echo meanwhile");
            c.expect("out 2 meanwhile");
            c.expect("end 2 0");
            Path next = server.home.resolve("app.log.new");
            Files.writeString(next, "after rotation\n");
            Files.move(next, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            List<String> lines = c.until("out 1 after rotation");
            assertTrue(lines.stream().allMatch(l -> l.startsWith("err 1 ") || l.startsWith("out 1 ")), lines.toString());
            c.send(":interrupt 1");
            c.expect("ok");
            c.expect("end 1 130");
        }
    }

    @Test
    void whoWallKickAndStats() throws Exception {
        server = TestServer.start(dir);
        try (RawClient admin = server.login(server.connect(), "root", "admin");
             RawClient alice = server.login()) {
            alice.send("sleep 30 &");
            alice.expect("bg 1");
            admin.send("who");
            List<String> who = admin.until("end 1 0");
            assertTrue(who.stream().anyMatch(l -> l.contains(" alice ") && l.contains("127.0.0.1")), who.toString());
            assertTrue(who.stream().anyMatch(l -> l.contains(" root ") && l.endsWith("who")), who.toString());
            admin.send("wall maintenance at noon");
            alice.expect("msg from root: maintenance at noon");
            admin.expect("msg from root: maintenance at noon");
            admin.expect("end 2 0");
            alice.send("kick 1");
            alice.expect("err 2 rshell: kick: permission denied: role operator may not run the built-in kick");
            alice.expect("end 2 126");
            long aliceId = server.server.sessions().all().stream().filter(s -> "alice".equals(s.user()))
                    .findFirst().orElseThrow().id();
            admin.send("kick " + aliceId + " time to go");
            admin.expect("end 3 0");
            assertEquals(List.of("end 1 130", "bye time to go"), alice.rest());
            admin.send("stats");
            List<String> stats = admin.until("end 4 0");
            assertTrue(stats.stream().anyMatch(l -> l.startsWith("out 4 commands run: ")), stats.toString());
            assertTrue(stats.stream().anyMatch(l -> l.startsWith("out 4 threads: ")), stats.toString());
        }
    }

    @Test
    void shutdownWarnsEverySessionThenEndsThem() throws Exception {
        server = TestServer.start(dir);
        try (RawClient admin = server.login(server.connect(), "root", "admin");
             RawClient alice = server.login()) {
            admin.send("shutdown 1");
            admin.expect("msg server shutting down in 1 s (asked by root)");
            alice.expect("msg server shutting down in 1 s (asked by root)");
            List<String> rest = alice.rest();
            assertEquals("bye shutting down", rest.get(rest.size() - 1), rest.toString());
        }
    }

    @Test
    void aSecondShutdownWhileTheFirstRunsWaitsForItInsteadOfFailing() throws Exception {
        // Regression (seen as this class's stop() failing after the shutdown built-in's test):
        // a session already closing by itself made the first shutdown's close return at once,
        // so the first shut its pools down while the session was still registered, and a
        // second shutdown then handed that session's close to a pool shutting down.
        server = TestServer.start(dir, Map.of("kill-grace", "3s"));
        RawClient c = server.login();
        c.send("sh -c 'trap \"\" TERM; echo ready; exec sleep 30'"); // ignores TERM: closing waits kill-grace
        c.expect("out 1 ready");
        c.close(); // the session's own teardown begins, and waits
        Thread.sleep(200);
        java.util.concurrent.CompletableFuture<Boolean> first = new java.util.concurrent.CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                first.complete(server.server.shutdown("first"));
            } catch (Throwable e) {
                first.completeExceptionally(e);
            }
        }, "test-first-shutdown");
        t.start();
        Thread.sleep(300);
        server.server.shutdown("second"); // must not throw
        first.get(30, TimeUnit.SECONDS);
        assertEquals(0, server.server.sessions().count(), "every session ended");
    }
}
