package dev.rshell.server.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessTrackerTest {

    @TempDir
    Path dir;

    private final ProcessTracker tracker = new ProcessTracker();
    private final OsCommandRunner runner = TestPrograms.runner(Duration.ofMillis(300));
    private final List<Long> seenPids = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        tracker.killAll(Duration.ofMillis(100));
        Procs.kill(seenPids);
        assertTrue(Procs.awaitGone(seenPids, Duration.ofSeconds(5)));
    }

    @Test
    void emptyTrackerKillsNothing() {
        assertEquals(0, tracker.size());
        assertTrue(tracker.killAll(Duration.ofSeconds(1)));
        assertTrue(tracker.killAll(Duration.ofSeconds(1)), "idempotent");
    }

    @Test
    void endedCommandsArePrunedButLeftoversStay() throws Exception {
        assumeTrue(OsCommandRunner.usesProcessGroups());
        FakeContext context = new FakeContext(dir);
        assertEquals(0, TestPrograms.run(runner, context, List.of("sh", "-c", "sleep 30 & echo $!"), tracker));
        long leftover = Long.parseLong(context.out().get(0));
        seenPids.add(leftover);
        for (int i = 0; i < ProcessTracker.MIN_PRUNE_AT + 5; i++) {
            assertEquals(0, TestPrograms.run(runner, context, List.of("true"), tracker));
        }
        assertTrue(tracker.size() < ProcessTracker.MIN_PRUNE_AT, "pruned: " + tracker.size());
        assertFalse(Procs.gone(leftover));
        assertTrue(tracker.pids().size() >= 1);

        assertTrue(tracker.killAll(Duration.ofMillis(500)));
        assertTrue(Procs.awaitGone(List.of(leftover), Duration.ofSeconds(5)));
        assertEquals(0, tracker.size());
    }

    @Test
    void killAllEndsRunningCommandsOfOtherThreads() throws Exception {
        FakeContext context = new FakeContext(dir);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread thread = new Thread(() -> {
                try {
                    TestPrograms.run(runner, context, List.of("sh", "-c", "echo $$; sleep 100"), tracker);
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            thread.start();
            threads.add(thread);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (context.out().size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        context.out().forEach(line -> seenPids.add(Long.parseLong(line)));
        assertEquals(3, seenPids.size());

        assertTrue(tracker.killAll(Duration.ofMillis(500)));
        assertTrue(Procs.awaitGone(seenPids, Duration.ofSeconds(5)));
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(thread.isAlive(), "the command returned once its process was gone");
        }
        assertEquals(List.of(), failures, "killed from outside: an ordinary 143 status");
    }

    @Test
    void interruptDuringKillAllCutsTheGraceAndIsKept() throws Exception {
        FakeContext context = new FakeContext(dir);
        assertEquals(0, TestPrograms.run(runner, context,
                List.of("sh", "-c", "(trap '' TERM; exec sleep 100) >/dev/null 2>&1 & echo $!"), tracker));
        long pid = Long.parseLong(context.out().get(0));
        seenPids.add(pid);
        assumeTrue(OsCommandRunner.usesProcessGroups());

        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        assertTrue(tracker.killAll(Duration.ofSeconds(30)));
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "no 30 s grace");
        assertTrue(Procs.awaitGone(List.of(pid), Duration.ofSeconds(5)));
    }
}
