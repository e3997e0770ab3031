package dev.rshell.server.command.builtin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.server.command.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tail -f} and {@code -F} on a real file, run on its own thread: appends, a held
 * partial line, truncation, replacement by rename, disappearance and return, the read fence
 * on reopening, interrupts and bounded memory. Every test stops its threads.
 */
@Timeout(30)
class TailFollowTest {

    /** A quick poll, so rotation tests don't wait long. */
    private static final Duration POLL = Duration.ofMillis(20);
    private static final long WAIT_MILLIS = 10_000;

    @TempDir
    Path home;

    private Path file;
    private FakeContext context;
    private final List<Thread> threads = new ArrayList<>();
    /** What the follow ended with: its status, or what it threw. */
    private CompletableFuture<Object> outcome;

    @BeforeEach
    void setUp() throws Exception {
        file = home.resolve("log");
        Files.writeString(file, lines(1, 15));
        context = new FakeContext(home);
    }

    @AfterEach
    void stopThreads() throws Exception {
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join(5000);
            assertFalse(thread.isAlive(), thread.getName() + " still runs");
        }
    }

    private static String lines(int from, int to) {
        StringBuilder sb = new StringBuilder();
        IntStream.rangeClosed(from, to).forEach(i -> sb.append("line ").append(i).append('\n'));
        return sb.toString();
    }

    private static List<String> list(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    private Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Runs the command on a "follower" thread. */
    private Thread follow(Command tail, String... args) {
        outcome = new CompletableFuture<>();
        return start("follower", () -> {
            try {
                outcome.complete(context.run(tail, args));
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
    }

    private Thread follow(String... args) {
        return follow(new TailCommand(64 * 1024, LineStreamer.MAX_LINE_CHARS, POLL), args);
    }

    private static List<String> snapshot(List<String> lines) {
        return List.of(lines.toArray(String[]::new));
    }

    /** Waits until the output satisfies {@code condition}; fails with the output if it doesn't. */
    private List<String> awaitOut(Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            List<String> out = snapshot(context.out);
            if (condition.test(out)) {
                return out;
            }
            if (System.currentTimeMillis() > deadline || outcome.isDone()) {
                fail("output " + out + ", errors " + snapshot(context.err) + ", ended "
                        + outcome.getNow("no"));
            }
            Thread.sleep(5);
        }
    }

    private void awaitOut(List<String> expected) throws InterruptedException {
        awaitOut(out -> out.size() >= expected.size());
        assertEquals(expected, snapshot(context.out));
    }

    private void awaitErr(String line) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!context.err.contains(line)) {
            if (System.currentTimeMillis() > deadline || outcome.isDone()) {
                fail("no error line " + line + " in " + snapshot(context.err) + ", output "
                        + snapshot(context.out));
            }
            Thread.sleep(5);
        }
    }

    /** Waits until the follower pauses between looks: it has opened the file and read it. */
    private static void awaitPolling(Thread follower) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (follower.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.currentTimeMillis() < deadline, "the follower never paused");
            Thread.sleep(1);
        }
    }

    /** Waits until the follower has flushed more than {@code flushes} times. */
    private void awaitFlushAfter(int flushes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (context.flushes.get() <= flushes) {
            assertTrue(System.currentTimeMillis() < deadline, "no flush");
            Thread.sleep(1);
        }
    }

    private void append(String text) throws Exception {
        Files.writeString(file, text, UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void printsTheLastLinesThenEveryAppendedLineInOrder() throws Exception {
        follow("-n", "3", "-f", "log");
        awaitOut(list(13, 15));
        Thread writer = start("writer", () -> {
            try {
                for (int i = 16; i <= 400; i++) {
                    append("line " + i + "\n");
                    if (i % 37 == 0) {
                        Thread.sleep(30);
                    }
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.join(WAIT_MILLIS);
        List<String> expected = new ArrayList<>(list(13, 15));
        expected.addAll(list(16, 400));
        awaitOut(expected);
        assertEquals(List.of(), context.err);
        assertTrue(context.flushes.get() > 0, "output was never flushed");
        assertFalse(outcome.isDone());
    }

    @Test
    void severalLinesInOneWriteAndTheDefaultOfTenLines() throws Exception {
        follow("-f", "log");
        awaitOut(list(6, 15));
        append(lines(16, 20) + "\r\nCRLF line\r\n");
        List<String> expected = new ArrayList<>(list(6, 20));
        expected.add("");
        expected.add("CRLF line");
        awaitOut(expected);
    }

    @Test
    void withZeroLinesOnlyNewLinesArePrinted() throws Exception {
        awaitPolling(follow("-n0", "-F", "log"));
        assertEquals(List.of(), snapshot(context.out));
        append("fresh\n");
        awaitOut(List.of("fresh"));
    }

    @Test
    void aPartialLineIsHeldUntilItsLineFeedArrives() throws Exception {
        follow("-n", "1", "-f", "log");
        awaitOut(List.of("line 15"));
        append("half");
        // Two UTF-8 bytes of one character written apart must still decode as one.
        Files.write(file, new byte[] {(byte) 0xc3}, StandardOpenOption.APPEND);
        Thread.sleep(300);
        assertEquals(List.of("line 15"), snapshot(context.out));
        Files.write(file, new byte[] {(byte) 0xa9}, StandardOpenOption.APPEND);
        append(" and half\nnext\n");
        awaitOut(List.of("line 15", "half\u00e9 and half", "next"));
    }

    @Test
    void truncationStartsOverFromTheTop() throws Exception {
        follow("-n", "2", "-f", "log");
        awaitOut(list(14, 15));
        int flushes = context.flushes.get();
        append("unfinished");
        awaitFlushAfter(flushes);
        Files.writeString(file, "after 1\nafter 2\n");
        awaitErr("tail: log: file truncated");
        // The held partial line can't be finished any more, so it is printed.
        awaitOut(List.of("line 14", "line 15", "unfinished", "after 1", "after 2"));
        append("after 3\n");
        awaitOut(List.of("line 14", "line 15", "unfinished", "after 1", "after 2", "after 3"));
        assertEquals(List.of("tail: log: file truncated"), snapshot(context.err));
    }

    @Test
    void replacementByRenameIsFollowedAfterTheOldFilesLastLines() throws Exception {
        follow("-n", "1", "-F", "log");
        awaitOut(List.of("line 15"));
        Path next = home.resolve("log.new");
        Files.writeString(next, "new 1\nnew 2\n");
        append("old last\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitErr("tail: log: file replaced; following the new file");
        awaitOut(List.of("line 15", "old last", "new 1", "new 2"));
        append("new 3\n");
        awaitOut(List.of("line 15", "old last", "new 1", "new 2", "new 3"));
        assertEquals(List.of("tail: log: file replaced; following the new file"),
                snapshot(context.err));
    }

    @Test
    void rotationByRenameAwayThenCreate() throws Exception {
        follow("-n", "1", "-f", "log");
        awaitOut(List.of("line 15"));
        append("before move\n");
        Files.move(file, home.resolve("log.1"));
        Files.writeString(file, "rotated 1\n");
        // The old file's last line is read before the switch, whether the follower saw the
        // name missing for a moment or already naming the new file.
        awaitOut(List.of("line 15", "before move", "rotated 1"));
    }

    @Test
    void aFileThatDisappearsIsWaitedForAndReadFromTheStartWhenItComesBack() throws Exception {
        follow("-n", "1", "-f", "log");
        awaitOut(List.of("line 15"));
        Files.delete(file);
        awaitErr("tail: log: No such file or directory; waiting for it to appear");
        Thread.sleep(100);
        Files.writeString(file, "back 1\nback 2\n");
        awaitErr("tail: log: file appeared; following it");
        awaitOut(List.of("line 15", "back 1", "back 2"));
        assertEquals(List.of("tail: log: No such file or directory; waiting for it to appear",
                "tail: log: file appeared; following it"), snapshot(context.err));
    }

    @Test
    void capitalFWaitsForAFileThatIsNotThereYet() throws Exception {
        follow("-F", "later");
        awaitErr("tail: later: No such file or directory; waiting for it to appear");
        Files.writeString(home.resolve("later"), "here\n");
        awaitOut(List.of("here"));
    }

    @Test
    void smallFFailsOnAMissingFileOrADirectory() throws Exception {
        assertEquals(1, context.run("tail", "-f", "missing"));
        Files.createDirectory(home.resolve("dir"));
        assertEquals(1, context.run("tail", "-F", "dir"));
        assertEquals(List.of("tail: missing: No such file or directory", "tail: dir: Is a directory"),
                context.err);
    }

    @Test
    void followingTakesOneFile() throws Exception {
        assertEquals(2, context.run("tail", "-f", "log", "log"));
        assertEquals(List.of("tail: -f follows one FILE", "usage: tail [-f | -F] [-n N | -c N] [FILE...]"),
                context.err);
    }

    @Test
    void theReadFenceIsAskedAtTheStartAndOnEveryReopen() throws Exception {
        context.deny("secret");
        assertEquals(1, context.run("tail", "-F", "secret"));
        assertEquals(List.of("tail: secret: Permission denied (outside what role operator may read)"),
                context.err);
        context.err.clear();

        follow("-n", "1", "-f", "log");
        awaitOut(List.of("line 15"));
        context.deny("log");
        Path next = home.resolve("log.new");
        Files.writeString(next, "not for you\n");
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        awaitErr("tail: log: Permission denied (outside what role operator may read);"
                + " waiting for it to appear");
        Thread.sleep(200);
        assertEquals(List.of("line 15"), snapshot(context.out));
    }

    @Test
    void anInterruptEndsTheFollowPromptly() throws Exception {
        Thread follower = follow(context.registry.find("tail").orElseThrow(), "-f", "log");
        awaitOut(list(6, 15));
        Thread.sleep(150);
        long start = System.nanoTime();
        follower.interrupt();
        Object ended = outcome.get(5, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertInstanceOf(InterruptedException.class, ended);
        assertTrue(millis < 1000, "took " + millis + " ms to stop");
        follower.join(5000);
        assertFalse(follower.isAlive());
    }

    @Test
    void anInterruptWhileWaitingForTheFileAlsoEndsIt() throws Exception {
        Thread follower = follow("-F", "nothing");
        awaitErr("tail: nothing: No such file or directory; waiting for it to appear");
        follower.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aHugeAppendedLineComesOutInBoundedPiecesBeforeItsLineFeed() throws Exception {
        int max = 1000;
        awaitPolling(follow(new TailCommand(64 * 1024, max, POLL), "-n", "0", "-f", "log"));
        int total = 4 * 1024 * 1024;
        byte[] chunk = "x".repeat(64 * 1024).getBytes(UTF_8);
        for (int written = 0; written < total; written += chunk.length) {
            Files.write(file, chunk, StandardOpenOption.APPEND);
        }
        // No LF yet: everything but the held piece has already come out, in pieces.
        awaitOut(out -> out.stream().mapToLong(String::length).sum() >= total - max);
        List<String> out = snapshot(context.out);
        assertTrue(out.stream().allMatch(piece -> piece.length() == max), "a piece is not " + max);
        append("\nafter\n");
        awaitOut(o -> o.size() > 0 && o.get(o.size() - 1).equals("after"));
        out = snapshot(context.out);
        assertEquals(total, out.subList(0, out.size() - 1).stream().mapToLong(String::length).sum());
        assertTrue(out.stream().allMatch(piece -> piece.length() <= max));
    }
}
