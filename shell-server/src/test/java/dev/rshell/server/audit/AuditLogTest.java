package dev.rshell.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditLogTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);

    /** A command event that names its thread and number, with text that needs escaping. */
    static AuditEvent event(int thread, int n) {
        return new AuditEvent.CommandRun(Instant.now(), thread, "ünï \"q\"", "127.0.0.1", "/tmp",
                List.of("echo", "t" + thread + "\n#" + n), Instant.now(), n, 0, n);
    }

    /** The (session, bytes_out) of each line of {@code text}, checking each line is JSON. */
    static List<String> ids(String text) {
        List<String> ids = new ArrayList<>();
        assertTrue(text.isEmpty() || text.endsWith("\n"), "ends with a whole line");
        for (String line : text.lines().toList()) {
            Map<String, Object> json = Json.object(line);
            ids.add(json.get("session") + "/" + json.get("bytes_out"));
        }
        return ids;
    }

    private String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void aLoneCallersLineIsInTheFileWhenRecordReturns() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr)) {
            assertTrue(Files.exists(file), "created at start");
            for (int i = 0; i < 200; i++) {
                log.record(event(1, i));
                List<String> ids = ids(read(file)); // another descriptor: what the OS has
                assertEquals(i + 1, ids.size());
                assertEquals("1/" + i, ids.get(i));
            }
            assertTrue(log.healthy());
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void concurrentCallersEachGetExactlyOneWholeLine() throws Exception {
        Path file = dir.resolve("audit.log");
        int threads = 16;
        int each = 2_000;
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr)) {
            runThreads(threads, t -> {
                for (int i = 0; i < each; i++) {
                    log.record(event(t, i));
                }
            });
        }
        List<String> ids = ids(read(file));
        assertEquals(threads * each, ids.size());
        assertEquals(threads * each, new HashSet<>(ids).size(), "no line twice");
        for (int t = 0; t < threads; t++) {
            int last = -1;
            for (String id : ids) {
                if (id.startsWith(t + "/")) {
                    int n = Integer.parseInt(id.substring(id.indexOf('/') + 1));
                    assertEquals(last + 1, n, "a thread's lines are in its order");
                    last = n;
                }
            }
            assertEquals(each - 1, last);
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aTinyQueueBoundStillLosesNothing() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLogSettings settings = AuditLogSettings.DEFAULTS.withMaxPendingBytes(1);
        try (AuditLog log = new AuditLog(file, settings, stderr)) {
            runThreads(8, t -> {
                for (int i = 0; i < 500; i++) {
                    log.record(event(t, i));
                }
            });
        }
        List<String> ids = ids(read(file));
        assertEquals(4_000, new HashSet<>(ids).size());
        assertEquals(4_000, ids.size());
    }

    @Test
    void callersBeyondTheQueueBoundWaitInsteadOfQueueing() throws Exception {
        Path file = dir.resolve("audit.log");
        FlakyChannel.Faults faults = new FlakyChannel.Faults();
        int lineBytes = AuditFormat.line(event(0, 0)).length;
        AuditLogSettings settings = AuditLogSettings.DEFAULTS.withMaxPendingBytes(2 * lineBytes + 2);
        CountDownLatch gate = new CountDownLatch(1);
        try (AuditLog log = new AuditLog(file, settings, stderr, faults.opener())) {
            faults.gate = gate;
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int id = t;
                Thread caller = new Thread(() -> log.record(event(id, 0)), "caller-" + t);
                caller.start();
                callers.add(caller);
            }
            // One writes (stuck at the gate), two fit the queue, three wait for space.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(faults.atGate.get() == 1 && log.queuedBytes() == 2L * lineBytes
                    && callers.stream().filter(c -> c.getState() == Thread.State.WAITING).count() == 5)) {
                assertTrue(System.nanoTime() < deadline, "callers never settled");
                Thread.sleep(5);
            }
            Thread.sleep(200);
            assertEquals(2L * lineBytes, log.queuedBytes(), "full: two lines wait, the rest block");
            assertTrue(callers.stream().allMatch(Thread::isAlive), "nobody has returned yet");
            assertEquals(0, ids(read(file)).size());
            gate.countDown();
            for (Thread caller : callers) {
                caller.join();
            }
        }
        assertEquals(6, ids(read(file)).size());
    }

    @Test
    void anInterruptedCallerStillWritesAndKeepsItsInterrupt() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr)) {
            Thread.currentThread().interrupt();
            log.record(event(1, 0));
            assertTrue(Thread.interrupted(), "interrupt status kept (and cleared here)");
            log.record(event(1, 1)); // the channel was not closed by the interrupt
            assertEquals(List.of("1/0", "1/1"), ids(read(file)));
            assertTrue(log.healthy());
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void closeIsIdempotentAndLaterEventsAreIgnored() throws Exception {
        Path file = dir.resolve("audit.log");
        AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr);
        log.record(event(1, 0));
        log.close();
        log.close();
        log.record(event(1, 1));
        assertEquals(List.of("1/0"), ids(read(file)));
    }

    @Test
    void reopeningAppendsAndCutsAHalfLineLeftByACrash() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr)) {
            log.record(event(1, 0));
        }
        Files.writeString(file, "{\"ts\":\"2024-", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, stderr)) {
            log.record(event(1, 1));
        }
        assertEquals(List.of("1/0", "1/1"), ids(read(file)));
    }

    @Test
    void theFileIsPrivateEvenIfItExistedWider() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path fresh = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(fresh, AuditLogSettings.DEFAULTS, stderr)) {
            assertEquals(fresh, log.file());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));
        }
        Path old = dir.resolve("old.log");
        Files.createFile(old, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (AuditLog log = new AuditLog(old, AuditLogSettings.DEFAULTS, stderr)) {
            assertTrue(log.healthy());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(old)));
        }
    }

    @Test
    void aFileThatCantBeOpenedFailsAtStart() {
        Path missing = dir.resolve("no-such-dir").resolve("audit.log");
        assertThrows(java.io.IOException.class, () -> new AuditLog(missing, AuditLogSettings.DEFAULTS, stderr));
    }

    @Test
    void eachLimitsErrorNamesIt() {
        assertEquals("audit-max-bytes must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> AuditLogSettings.DEFAULTS.withRotation(0, 5)).getMessage());
        assertEquals("audit-keep must be from 0 to 1000, was -1", assertThrows(IllegalArgumentException.class,
                () -> AuditLogSettings.DEFAULTS.withRotation(100, -1)).getMessage());
        assertEquals("audit-pending-bytes must be at least 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> AuditLogSettings.DEFAULTS.withMaxPendingBytes(0)).getMessage());
        AuditLogSettings d = AuditLogSettings.DEFAULTS;
        assertEquals(List.of(10L * 1024 * 1024, 5L, 1024L * 1024, 0L),
                List.of(d.maxBytes(), (long) d.keep(), (long) d.maxPendingBytes(), d.fsync() ? 1L : 0L));
    }

    @Test
    void fsyncModeWritesTheSameLines() throws Exception {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS.withFsync(true), stderr)) {
            runThreads(4, t -> {
                for (int i = 0; i < 50; i++) {
                    log.record(event(t, i));
                }
            });
        }
        Set<String> ids = new HashSet<>(ids(read(file)));
        assertEquals(200, ids.size());
    }

    /** A body run by one of several threads released together. */
    interface Body {
        void run(int thread) throws Exception;
    }

    static void runThreads(int count, Body body) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < count; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "recorder-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertFalse(!failures.isEmpty(), () -> "failures: " + failures);
    }
}
