package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.server.audit.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of refused and abandoned connections can't rotate the server's start and real
 * logins out of the audit log: 3000 {@code busy} refusals and 600 connections dropped before
 * login would be about 600 KB of lines, against 128 KiB of log (64 KiB, one rotated file).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreLoginFloodAuditTest {

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
    void theStartEventAndRealLoginsOutliveAFloodOfRefusals() throws Exception {
        server = TestServer.start(dir, Map.of("max-sessions", "2", "max-startups", "1",
                "audit-max-bytes", "64KiB", "audit-keep", "1"));
        server.audit.record(new AuditEvent.Server(Instant.now(), "start", "flood test"));
        RawClient first = server.login();
        RawClient second = server.login();
        for (int i = 0; i < 3000; i++) { // max-sessions are taken: each of these is refused
            try (RawClient c = server.connectFrom("127.0.0.2")) {
                c.rest();
            }
        }
        second.send(":quit");
        second.rest();
        second.close();
        for (int i = 0; i < 600; i++) { // admitted, then dropped before login
            try (RawClient c = server.connectFrom("127.0.0." + (3 + i % 3))) {
                c.line(); // hello, or bye busy while the last one is still closing
            }
        }
        waitUntil(() -> server.server.sessions().count() == 1);
        try (RawClient after = server.login()) {
            after.send(":quit");
            after.rest();
        }
        first.close();
        server.close();
        server = null;

        List<String> lines = new ArrayList<>();
        for (String name : List.of("audit.log.1", "audit.log")) {
            Path file = dir.resolve("data").resolve(name);
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file));
            }
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"server\"") && l.contains("flood test")),
                "the start event was rotated away");
        long logins = lines.stream().filter(l -> l.contains("\"event\":\"login\"") && l.contains("\"ok\":true")).count();
        assertEquals(3, logins, "real logins kept");
        long refused = lines.stream().filter(l -> l.contains("\"event\":\"refused\"")).count();
        assertTrue(refused < 3000, refused + " refusals written one by one");
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"suppressed\"")), "no summary of the flood");
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "not within 10 s");
    }

}
