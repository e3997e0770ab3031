package dev.rshell.server.audit;

import static dev.rshell.server.audit.AuditLogTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability without fsync: what {@code record} acknowledged is in the file after the
 * process dies without closing anything. Each test starts a child JVM on this test
 * classpath and makes sure it is gone at the end.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AuditLogCrashTest {

    @TempDir
    Path dir;

    private static Process child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto",
                AuditCrashChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void everyLineRecordedBeforeAHaltIsInTheFile() throws Exception {
        Path file = dir.resolve("audit.log");
        Process process = child("halt", file.toString(), "5000");
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child ended");
            assertEquals(3, process.exitValue(), "ended by Runtime.halt");
        } finally {
            process.destroyForcibly();
        }
        List<String> ids = ids(Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(5000, ids.size());
        for (int i = 0; i < 5000; i++) {
            assertEquals("0/" + i, ids.get(i));
        }
    }

    @Test
    void everyAcknowledgedLineSurvivesSigkill() throws Exception {
        Path file = dir.resolve("audit.log");
        Process process = child("acks", file.toString(), "4");
        Set<String> acked = new HashSet<>();
        try (BufferedReader acks = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acked.size() < 20_000 && (line = acks.readLine()) != null) {
                acked.add(line.substring("ack ".length()));
            }
            // SIGKILL where there are signals; through the handle, because
            // Process.destroyForcibly also closes our end of the pipe, losing unread acks.
            process.toHandle().destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            while ((line = acks.readLine()) != null) { // acks printed before the kill
                acked.add(line.substring("ack ".length()));
            }
        } finally {
            process.destroyForcibly();
        }
        assertTrue(acked.size() >= 20_000, "child ran: " + acked.size());
        // Restarting repairs a half line the kill may have left, then appends.
        try (AuditLog log = new AuditLog(file)) {
            log.record(AuditLogTest.event(99, 0));
        }
        List<String> ids = ids(Files.readString(file, StandardCharsets.UTF_8)); // every line is JSON
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no line twice");
        Set<String> missing = new HashSet<>(acked);
        ids.forEach(missing::remove);
        assertEquals(Set.of(), missing, "acknowledged but not in the file");
        assertEquals("99/0", ids.get(ids.size() - 1));
    }
}
