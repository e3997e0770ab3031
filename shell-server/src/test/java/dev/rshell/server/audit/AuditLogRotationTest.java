package dev.rshell.server.audit;

import static dev.rshell.server.audit.AuditLogTest.event;
import static dev.rshell.server.audit.AuditLogTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotation by size. A file never exceeds {@code maxBytes}, except a file holding exactly one
 * line that is itself longer than {@code maxBytes}; lines are never split between files.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditLogRotationTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    private Path file() {
        return dir.resolve("audit.log");
    }

    private Path numbered(int n) {
        return dir.resolve("audit.log." + n);
    }

    /** Ids of every kept file, oldest first, checking each file's size and lines. */
    private List<String> allIds(long maxBytes, int keep) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int n = keep; n >= 0; n--) {
            Path f = n == 0 ? file() : numbered(n);
            if (!Files.exists(f)) {
                continue;
            }
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<String> lines = ids(text);
            assertTrue(Files.size(f) <= maxBytes || lines.size() == 1,
                    f + " is " + Files.size(f) + " bytes with " + lines.size() + " lines");
            ids.addAll(lines);
        }
        return ids;
    }

    @Test
    void filesStayUnderTheLimitAndTheOldestAreDropped() throws Exception {
        long max = 1_000;
        int keep = 3;
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, keep), stderr)) {
            for (int i = 0; i < 200; i++) {
                log.record(event(1, i));
            }
        }
        for (int n = 1; n <= keep; n++) {
            assertTrue(Files.exists(numbered(n)), numbered(n) + " exists");
        }
        assertFalse(Files.exists(numbered(keep + 1)), "beyond keep: deleted");
        List<String> ids = allIds(max, keep);
        int first = 200 - ids.size();
        assertTrue(first > 0, "some were rotated away");
        for (int i = 0; i < ids.size(); i++) {
            assertEquals("1/" + (first + i), ids.get(i), "the kept files are the newest lines, in order");
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withEnoughFilesKeptEveryLineIsThere() throws Exception {
        long max = 700;
        int keep = 1000;
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, keep), stderr)) {
            for (int i = 0; i < 300; i++) {
                log.record(event(2, i));
            }
        }
        List<String> ids = allIds(max, keep);
        assertEquals(300, ids.size());
        for (int i = 0; i < 300; i++) {
            assertEquals("2/" + i, ids.get(i));
        }
        long full = AuditFormat.line(event(2, 100)).length;
        assertTrue(Files.exists(numbered((int) (300 / (max / full)) - 1)), "about one file per few lines");
    }

    @Test
    void concurrentCallersAcrossRotations() throws Exception {
        long max = 4_096;
        int keep = 1000;
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, keep), stderr)) {
            AuditLogTest.runThreads(8, t -> {
                for (int i = 0; i < 500; i++) {
                    log.record(event(t, i));
                }
            });
        }
        List<String> ids = allIds(max, keep);
        assertEquals(4_000, ids.size());
        assertEquals(4_000, new HashSet<>(ids).size());
    }

    @Test
    void aLineLongerThanTheLimitIsAloneInItsFile() throws Exception {
        long max = 400;
        Instant at = Instant.parse("2024-05-01T00:00:00Z");
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, 5), stderr)) {
            log.record(new AuditEvent.Server(at, "start", "small"));
            log.record(new AuditEvent.Server(at, "start", "x".repeat(1_000)));
            log.record(new AuditEvent.Server(at, "start", "small again"));
        }
        assertEquals(1, Files.readAllLines(numbered(2)).size());
        assertTrue(Files.readString(numbered(2)).contains("\"small\""));
        List<String> big = Files.readAllLines(numbered(1));
        assertEquals(1, big.size());
        assertTrue(Files.size(numbered(1)) > max);
        assertTrue(Json.object(big.get(0)).get("detail").toString().length() == 1_000);
        assertTrue(Files.readString(file()).contains("\"small again\""));
        assertFalse(Files.exists(numbered(3)));
    }

    @Test
    void keepZeroKeepsOnlyTheCurrentFile() throws Exception {
        long max = 500;
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, 0), stderr)) {
            for (int i = 0; i < 50; i++) {
                log.record(event(3, i));
            }
        }
        assertFalse(Files.exists(numbered(1)));
        List<String> ids = ids(Files.readString(file(), StandardCharsets.UTF_8));
        assertEquals("3/49", ids.get(ids.size() - 1));
        assertTrue(Files.size(file()) <= max);
    }

    @Test
    void anExistingFileNearTheLimitIsRotatedAtTheFirstWrite() throws Exception {
        long max = 1_000;
        Files.writeString(file(), "{\"old\":true}\n".repeat(70)); // 910 bytes
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(max, 2), stderr)) {
            log.record(event(4, 0));
        }
        assertEquals(910, Files.size(numbered(1)));
        assertEquals(List.of("4/0"), ids(Files.readString(file(), StandardCharsets.UTF_8)));
    }

    @Test
    void rotatedAndNewFilesArePrivate() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        try (AuditLog log = new AuditLog(file(), AuditLogSettings.DEFAULTS.withRotation(300, 3), stderr)) {
            for (int i = 0; i < 20; i++) {
                log.record(event(5, i));
            }
        }
        for (Path f : List.of(file(), numbered(1), numbered(2), numbered(3))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
        }
    }
}
