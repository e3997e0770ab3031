package dev.rshell.server.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Runs real OS processes; every test cleans up what it started. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OsCommandRunnerTest {

    private static final Duration GRACE = Duration.ofMillis(500);

    @TempDir
    Path dir;

    private FakeContext context;
    private ProcessTracker tracker;
    private OsCommandRunner runner;
    /** Pids a test saw, killed in {@link #cleanUp} whatever happened. */
    private final List<Long> seenPids = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        context = new FakeContext(dir);
        tracker = new ProcessTracker();
        runner = TestPrograms.runner(GRACE);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        boolean allGone = tracker.killAll(Duration.ofMillis(200));
        Procs.kill(seenPids);
        assertTrue(allGone, "tracker.killAll ended everything");
        assertTrue(Procs.awaitGone(seenPids, Duration.ofSeconds(5)), "no process left behind");
    }

    private int run(String... argv) throws InterruptedException {
        return TestPrograms.run(runner, context, List.of(argv), tracker);
    }

    @Test
    void exitStatuses() throws Exception {
        assertEquals(0, run("true"));
        assertEquals(1, run("false"));
        assertEquals(7, run("sh", "-c", "exit 7"));
        assertEquals(List.of(), context.lines());
    }

    @Test
    void stdoutAndStderrAreTaggedAndInOrderPerStream() throws Exception {
        assertEquals(0, run("sh", "-c", "echo o1; echo e1 >&2; echo o2; echo e2 >&2; echo o3"));
        assertEquals(List.of("o1", "o2", "o3"), context.out());
        assertEquals(List.of("e1", "e2"), context.err());
    }

    @Test
    void environmentIsExactlyTheSessionsPlusADumbTerminal() throws Exception {
        context.setVariable("PATH", "/usr/bin:/bin");
        context.setVariable("GREETING", "hello world");
        assertEquals(0, run("env"));
        assertEquals(List.of("GREETING=hello world", "PATH=/usr/bin:/bin", "TERM=dumb"),
                context.out().stream().sorted().toList());
    }

    @Test
    void aTermTheUserExportedIsKept() throws Exception {
        context.setVariable("TERM", "xterm-256color");
        assertEquals(0, run("sh", "-c", "echo \"$TERM\""));
        assertEquals(List.of("xterm-256color"), context.out());
    }

    @Test
    void programsThatNeedATerminalSayWhyInsteadOfFailingSilently() throws Exception {
        Path clear = Path.of("/usr/bin/clear");
        assumeTrue(Files.isExecutable(clear), "clear is installed");
        run(clear.toString());
        assertFalse(context.err().stream().anyMatch(l -> l.contains("TERM environment variable not set")),
                context.err().toString());
    }

    @Test
    void runsInTheWorkingDirectory() throws Exception {
        assertEquals(0, run("pwd"));
        assertEquals(List.of(dir.toRealPath().toString()), context.out());
    }

    @Test
    void standardInputIsEmpty() throws Exception {
        long start = System.nanoTime();
        assertEquals(0, run("cat"));
        assertEquals(List.of(), context.lines());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void argumentsArePassedAsTheyAreWithoutAShell() throws Exception {
        assertEquals(0, run("printf", "%s|", "a b", "$HOME", "*", "'q'"));
        assertEquals(List.of("a b|$HOME|*|'q'|"), context.out());
    }

    @Test
    void linesArriveAsTheyArePrinted() throws Exception {
        long start = System.nanoTime();
        assertEquals(0, run("sh", "-c", "echo a; sleep 1; echo b"));
        List<FakeContext.Line> lines = context.lines();
        assertEquals(List.of("a", "b"), context.out());
        long a = lines.get(0).nanos() - start;
        long b = lines.get(1).nanos() - start;
        assertTrue(a < TimeUnit.MILLISECONDS.toNanos(900), "a came " + a / 1_000_000 + " ms after start");
        assertTrue(b - a > TimeUnit.MILLISECONDS.toNanos(500), "b came after the sleep");
    }

    @Test
    void outputWithoutFinalNewlineIsALastLine() throws Exception {
        assertEquals(0, run("printf", "abc"));
        assertEquals(List.of("abc"), context.out());
        assertEquals(0, run("sh", "-c", "printf 'x\\ny' >&2"));
        assertEquals(List.of("x", "y"), context.err());
    }

    @Test
    void crBeforeLfIsDropped() throws Exception {
        assertEquals(0, run("printf", "a\r\nb\r\n\r\nc\rd\n"));
        assertEquals(List.of("a", "b", "", "c\rd"), context.out());
    }

    @Test
    void longLineComesInBoundedPiecesOfWholeCharacters() throws Exception {
        StringBuilder text = new StringBuilder();
        String[] characters = {"a", "é", "€", "😀"};
        for (int i = 0; i < 20_000; i++) {
            text.append(characters[i % characters.length]);
        }
        Files.writeString(dir.resolve("long.txt"), text + "\n");
        context.maxLine = 1000;
        assertEquals(0, run("cat", "long.txt"));
        List<String> pieces = context.out();
        assertTrue(pieces.size() >= 50, "pieces: " + pieces.size());
        for (String piece : pieces) {
            assertTrue(piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1000);
            assertFalse(piece.contains("\uFFFD"), "no character was cut");
        }
        assertEquals(text.toString(), String.join("", pieces));
    }

    @Test
    void largeOutputStaysBounded() throws Exception {
        context = new FakeContext(dir, false);
        assertEquals(0, run("sh", "-c", "head -c 10000000 /dev/zero | tr '\\0' x"));
        assertEquals(10_000_000, context.byteCount.get());
        assertEquals(65536, context.longestLineBytes.get());
        assertEquals((10_000_000 + 65535) / 65536, context.lineCount.get());
    }

    @Test
    void hundredMegabytesWithoutNewlineStayBounded() throws Exception {
        context = new FakeContext(dir, false);
        assertEquals(0, run("head", "-c", "100000000", "/dev/zero"));
        assertEquals(100_000_000, context.byteCount.get());
        assertTrue(context.longestLineBytes.get() <= 65536);
    }

    @Test
    void executableByRelativePath() throws Exception {
        Path script = Files.writeString(dir.resolve("hello.sh"), "#!/bin/sh\necho \"hi $1\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(0, run("./hello.sh", "there"));
        assertEquals(List.of("hi there"), context.out());
    }

    @Test
    void killedBySignalIs128PlusN() throws Exception {
        assertEquals(137, run("sh", "-c", "kill -9 $$"));
        assertEquals(143, run("sh", "-c", "kill -TERM $$"));
    }

    @Test
    void mainProcessIsItsOwnGroupAndSessionLeader() throws Exception {
        assumeTrue(OsCommandRunner.usesProcessGroups(), "process groups need Linux with setsid");
        assertEquals(0, run("sh", "-c", "echo $$; cat /proc/$$/stat"));
        long pid = Long.parseLong(context.out().get(0));
        String stat = context.out().get(1);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(pid, Long.parseLong(fields[2]), "pgid");
        assertEquals(pid, Long.parseLong(fields[3]), "session id");
    }

    @Test
    void interruptEndsTheWholeTree() throws Exception {
        assumeTrue(OsCommandRunner.usesProcessGroups());
        Running running = start("sh", "-c", "sleep 100 & setsid sleep 100 & echo $$ $!; sleep 100");
        String[] ids = running.awaitLine().split(" ");
        long pgid = Long.parseLong(ids[0]);
        List<Long> pids = new ArrayList<>(Procs.groupMembers(pgid));
        assertTrue(pids.size() >= 2, "sh and its sleeps: " + pids);
        pids.add(Long.parseLong(ids[1])); // left the group with setsid; still a descendant
        seenPids.addAll(pids);

        running.thread.interrupt();
        running.thread.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(running.thread.isAlive());
        assertInstanceOf(InterruptedException.class, running.failure.get());
        assertTrue(Procs.awaitGone(pids, Duration.ofSeconds(5)), "all gone: " + pids);
        assertEquals(0, tracker.size(), "an ended tree is no longer tracked");
    }

    @Test
    void processIgnoringTermIsKilledAfterTheGrace() throws Exception {
        runner = TestPrograms.runner(Duration.ofMillis(300));
        Running running = start("sh", "-c", "trap '' TERM; echo $$; sleep 100; echo after");
        long pid = Long.parseLong(running.awaitLine());
        List<Long> pids = OsCommandRunner.usesProcessGroups() ? Procs.groupMembers(pid) : List.of(pid);
        seenPids.addAll(pids);

        long interruptedAt = System.nanoTime();
        running.thread.interrupt();
        running.thread.join(TimeUnit.SECONDS.toMillis(10));
        long took = System.nanoTime() - interruptedAt;
        assertInstanceOf(InterruptedException.class, running.failure.get());
        assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(250), "waited the grace: " + took / 1_000_000 + " ms");
        assertTrue(Procs.awaitGone(pids, Duration.ofSeconds(5)));
        assertFalse(context.out().contains("after"));
    }

    @Test
    void backgroundChildHoldingThePipesDoesNotHang() throws Exception {
        long start = System.nanoTime();
        assertEquals(0, run("sh", "-c", "sleep 30 & echo $!"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "returned promptly");
        long sleeper = Long.parseLong(context.out().get(0));
        seenPids.add(sleeper);
        assertFalse(Procs.gone(sleeper), "the leftover still runs");
        assumeTrue(OsCommandRunner.usesProcessGroups(), "orphans are only tracked by group");
        assertEquals(1, tracker.size(), "its group is still tracked");

        assertTrue(tracker.killAll(Duration.ofMillis(500)));
        assertTrue(Procs.awaitGone(List.of(sleeper), Duration.ofSeconds(5)));
        assertEquals(0, tracker.size());
    }

    @Test
    void laterOutputOfALeftoverDoesNotKeepTheCommand() throws Exception {
        long start = System.nanoTime();
        assertEquals(0, run("sh", "-c", "(sleep 2; echo late) & echo early"));
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1500));
        assertEquals("early", context.out().get(0));
    }

    @Test
    void interruptedBeforeStartRunsNothing() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> run("sleep", "100"));
        assertEquals(0, tracker.size());
    }

    @Test
    void closedTrackerRefusesAndTheProcessIsEnded() throws Exception {
        tracker.killAll(Duration.ZERO);
        long start = System.nanoTime();
        assertThrows(InterruptedException.class, () -> run("sh", "-c", "echo $$ >pid; exec sleep 100"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        // The pid file may or may not have been written before the process was killed.
        Path pidFile = dir.resolve("pid");
        if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertTrue(Procs.awaitGone(List.of(pid), Duration.ofSeconds(5)));
        }
    }

    @Test
    void failingSinkEndsTheProcess() throws Exception {
        context.failWith = new IllegalStateException("sink broke");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run("sh", "-c", "echo $$; exec sleep 100"));
        assertEquals("sink broke", e.getMessage());
        long pid = Long.parseLong(context.out().get(0));
        assertTrue(Procs.awaitGone(List.of(pid), Duration.ofSeconds(5)));
    }

    @Test
    void manyCommandsLeaveNoThreadsOrProcesses() throws Exception {
        int before = Thread.activeCount();
        for (int i = 0; i < 50; i++) {
            assertEquals(0, run("true"));
        }
        assertEquals(List.of(), context.lines());
        // Nothing is pumped on other threads; the JDK's reaper threads come and go.
        assertTrue(Thread.activeCount() <= before + 4, before + " -> " + Thread.activeCount());
    }

    /** A command running on its own thread. */
    private final class Running {
        final Thread thread;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicInteger status = new AtomicInteger(-1);

        Running(List<String> argv) {
            thread = new Thread(() -> {
                try {
                    status.set(TestPrograms.run(runner, context, argv, tracker));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "test-command");
            thread.start();
        }

        String awaitLine() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (context.out().isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no output");
                Thread.sleep(5);
            }
            return context.out().get(0);
        }
    }

    private Running start(String... argv) {
        return new Running(List.of(argv));
    }
}
