package dev.rshell.server.audit;

import static dev.rshell.server.audit.AuditLogTest.event;
import static dev.rshell.server.audit.AuditLogTest.ids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A disk that fails: sessions never see it, stderr hears it once, the file stays whole. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditLogFailureTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final FlakyChannel.Faults faults = new FlakyChannel.Faults();

    private List<String> stderrLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private AuditLog open(Path file) throws IOException {
        return new AuditLog(file, AuditLogSettings.DEFAULTS, stderr, faults.opener());
    }

    @Test
    void aFullDiskIsReportedOnceAndRecoveredFrom() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = open(file)) {
            for (int i = 0; i < 3; i++) {
                log.record(event(1, i));
            }
            faults.tear = true; // each failing write leaves half a line behind
            faults.failWrites = new IOException("No space left on device");
            for (int i = 3; i < 8; i++) {
                log.record(event(1, i)); // does not throw
                assertFalse(log.healthy());
            }
            assertEquals(5, log.lostEvents());
            assertEquals(List.of("rshell-server: audit log: write failed: " + file
                    + ": No space left on device (events are not recorded until writing works again)"),
                    stderrLines(), "reported once");

            faults.failWrites = null;
            log.record(event(1, 8));
            assertTrue(log.healthy());
            log.record(event(1, 9));
            assertEquals(2, stderrLines().size());
            assertEquals("rshell-server: audit log: writing again; 5 event(s) were not recorded",
                    stderrLines().get(1));
        }
        assertEquals(List.of("1/0", "1/1", "1/2", "1/8", "1/9"),
                ids(Files.readString(file, StandardCharsets.UTF_8)), "torn tails were cut: every line is JSON");
    }

    @Test
    void aSecondFailureAfterRecoveryIsReportedAgain() throws Exception {
        try (AuditLog log = open(dir.resolve("audit.log"))) {
            faults.failWrites = new IOException("disk 1");
            log.record(event(1, 0));
            faults.failWrites = null;
            log.record(event(1, 1));
            faults.failWrites = new IOException("disk 2");
            log.record(event(1, 2));
            log.record(event(1, 3));
            assertEquals(3, stderrLines().size(), String.join("\n", stderrLines()));
            assertTrue(stderrLines().get(2).contains("write failed") && stderrLines().get(2).contains("disk 2"));
            assertEquals(3, log.lostEvents());
        }
    }

    @Test
    void aFileThatCantBeReopenedIsAFailureToo() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = open(file)) {
            faults.failWrites = new IOException("I/O error");
            faults.failOpen = new IOException("Read-only file system");
            log.record(event(1, 0));
            faults.failWrites = null;
            log.record(event(1, 1)); // can't reopen: still failing
            assertFalse(log.healthy());
            faults.failOpen = null;
            log.record(event(1, 2));
            assertTrue(log.healthy());
            assertEquals(2, log.lostEvents());
        }
        assertEquals(List.of("1/2"), ids(Files.readString(file, StandardCharsets.UTF_8)));
        assertEquals(2, stderrLines().size());
    }

    @Test
    void oneFailedWriteIsRetriedOnAReopenedFileUnnoticed() throws Exception {
        // As when an interrupt lands inside a write and closes the FileChannel.
        Path file = dir.resolve("audit.log");
        try (AuditLog log = open(file)) {
            int opens = faults.opens.get();
            faults.tear = true;
            faults.failNext.set(1);
            log.record(event(1, 0));
            assertTrue(log.healthy());
            assertEquals(opens + 1, faults.opens.get(), "reopened");
        }
        assertEquals(List.of("1/0"), ids(Files.readString(file, StandardCharsets.UTF_8)));
        assertEquals(List.of(), stderrLines());
    }

    @Test
    void anInterruptLandingInsideAWriteLosesNothingAndIsKeptForTheCaller() throws Exception {
        // Regression (found by the fuzz fault test): the interrupt that closed the channel left
        // the writer's interrupt status set, so the retry on the reopened file failed at once
        // and the batch (other sessions' events among them) was lost.
        Path file = dir.resolve("audit.log");
        try (AuditLog log = open(file)) {
            faults.interruptNext.set(1);
            log.record(event(1, 0));
            assertTrue(Thread.interrupted(), "the caller's interrupt is kept (and cleared here)");
            assertTrue(log.healthy());
            assertEquals(0, log.lostEvents());
            log.record(event(1, 1));
        }
        assertEquals(List.of("1/0", "1/1"), ids(Files.readString(file, StandardCharsets.UTF_8)));
        assertEquals(List.of(), stderrLines());
    }

    @Test
    void uncheckedFailuresDoNotReachTheCaller() throws Exception {
        try (AuditLog log = open(dir.resolve("audit.log"))) {
            faults.failUnchecked = new IllegalStateException("provider bug");
            log.record(event(1, 0));
            assertFalse(log.healthy());
            assertTrue(stderrLines().get(0).endsWith(": provider bug (events are not recorded until writing works again)"));
        }
    }

    @Test
    void concurrentCallersDuringAnOutageAllReturn() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = open(file)) {
            faults.failWrites = new IOException("No space left on device");
            AuditLogTest.runThreads(8, t -> {
                for (int i = 0; i < 200; i++) {
                    log.record(event(t, i));
                }
            });
            assertEquals(1_600, log.lostEvents());
            faults.failWrites = null;
            log.record(event(99, 0));
        }
        assertEquals(List.of("99/0"), ids(Files.readString(file, StandardCharsets.UTF_8)));
        assertEquals(2, stderrLines().size());
    }
}
