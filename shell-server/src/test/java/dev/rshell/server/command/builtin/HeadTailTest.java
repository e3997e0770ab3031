package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class HeadTailTest {

    @TempDir
    Path home;

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }

    private FakeContext fifteenLines() throws Exception {
        Files.writeString(home.resolve("f"), String.join("\n", numbers(1, 15)) + "\n");
        return new FakeContext(home);
    }

    private static List<String> run(FakeContext context, String name, String... args)
            throws Exception {
        context.out.clear();
        assertEquals(0, context.run(name, args), String.join(" ", args));
        assertEquals(List.of(), context.err);
        return List.copyOf(context.out);
    }

    @Test
    void headCounts() throws Exception {
        FakeContext context = fifteenLines();
        assertEquals(numbers(1, 10), run(context, "head", "f"));
        assertEquals(numbers(1, 3), run(context, "head", "-n", "3", "f"));
        assertEquals(numbers(1, 3), run(context, "head", "-n3", "f"));
        assertEquals(numbers(1, 3), run(context, "head", "-3", "f"));
        assertEquals(numbers(1, 3), run(context, "head", "f", "-n", "3"));
        assertEquals(List.of(), run(context, "head", "-n", "0", "f"));
        assertEquals(numbers(1, 15), run(context, "head", "-n", "1000000", "f"));
    }

    @Test
    void tailCounts() throws Exception {
        FakeContext context = fifteenLines();
        assertEquals(numbers(6, 15), run(context, "tail", "f"));
        assertEquals(numbers(13, 15), run(context, "tail", "-n", "3", "f"));
        assertEquals(numbers(13, 15), run(context, "tail", "-3", "f"));
        assertEquals(List.of(), run(context, "tail", "-n", "0", "f"));
        assertEquals(numbers(1, 15), run(context, "tail", "-n", "16", "f"));
        assertEquals(numbers(1, 15), run(context, "tail", "-n", "1000000", "f"));
    }

    @Test
    void fileWithoutFinalLineFeed() throws Exception {
        Files.writeString(home.resolve("f"), "a\nb\nc");
        FakeContext context = new FakeContext(home);
        assertEquals(List.of("b", "c"), run(context, "tail", "-n", "2", "f"));
        assertEquals(List.of("c"), run(context, "tail", "-n", "1", "f"));
        assertEquals(List.of("a", "b"), run(context, "head", "-n", "2", "f"));
        assertEquals(List.of("a", "b", "c"), run(context, "head", "f"));
    }

    @Test
    void emptyFileAndEmptyLines() throws Exception {
        Files.writeString(home.resolve("empty"), "");
        Files.writeString(home.resolve("blank"), "\n\n\n");
        FakeContext context = new FakeContext(home);
        assertEquals(List.of(), run(context, "head", "empty"));
        assertEquals(List.of(), run(context, "tail", "empty"));
        assertEquals(List.of("", ""), run(context, "tail", "-n", "2", "blank"));
        assertEquals(List.of("", "", ""), run(context, "tail", "blank"));
        assertEquals(List.of(""), run(context, "head", "-n", "1", "blank"));
    }

    /** Every N against a naive answer, with blocks much smaller than the file. */
    @Test
    void tailMatchesANaiveTailForEveryCountAndBlockSize() throws Exception {
        List<String> contents = List.of("a\nbb\n\nccc\ndddd\ne\n\n\nffffffffff\ng",
                "a\nbb\n\nccc\ndddd\ne\n\n\nffffffffff\ng\n", "\n", "x", "x\n", "\n\nx\n\n");
        for (String content : contents) {
            Files.writeString(home.resolve("f"), content);
            List<String> all = naiveLines(content);
            for (int block : new int[] {1, 2, 3, 7, 64}) {
                for (int n = 0; n <= all.size() + 2; n++) {
                    FakeContext context = new FakeContext(home);
                    assertEquals(0, context.run(new TailCommand(block, 1000), "-n", "" + n, "f"));
                    List<String> expected = all.subList(Math.max(0, all.size() - n), all.size());
                    assertEquals(expected, context.out,
                            "content " + content.replace("\n", "\\n") + " block " + block + " n " + n);
                }
            }
        }
    }

    private static List<String> naiveLines(String content) {
        List<String> lines = new ArrayList<>(Arrays.asList(content.split("\n", -1)));
        if (content.endsWith("\n") || content.isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    @Test
    void tailOfAFileBiggerThanTheDefaultBlock() throws Exception {
        String content = IntStream.range(0, 30_000).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n"));
        assertTrue(content.length() > 4 * 64 * 1024);
        Files.writeString(home.resolve("big"), content);
        FakeContext context = new FakeContext(home);
        assertEquals(List.of("line 29997", "line 29998", "line 29999"),
                run(context, "tail", "-n", "3", "big"));
        List<String> all = run(context, "tail", "-n", "1000000", "big");
        assertEquals(30_000, all.size());
        assertEquals("line 0", all.get(0));
        List<String> some = run(context, "tail", "-n", "20000", "big");
        assertEquals("line 10000", some.get(0));
        assertEquals(20_000, some.size());
    }

    @Test
    void longLastLineIsPrintedInPieces() throws Exception {
        Files.writeString(home.resolve("f"), "first\n" + "z".repeat(25) + "\n");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new TailCommand(4, 10), "-n", "1", "f"));
        assertEquals(List.of("z".repeat(10), "z".repeat(10), "z".repeat(5)), context.out);
        context.out.clear();
        assertEquals(0, context.run(new HeadCommand(10), "-n", "1", "f"));
        assertEquals(List.of("first"), context.out);
    }

    @Test
    void headCountsWholeLinesNotPieces() throws Exception {
        Files.writeString(home.resolve("f"), "z".repeat(25) + "\nsecond\nthird\n");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new HeadCommand(10), "-n", "2", "f"));
        assertEquals(List.of("z".repeat(10), "z".repeat(10), "z".repeat(5), "second"),
                context.out);
    }

    @Test
    void badCountsAreUsageErrors() throws Exception {
        for (String name : List.of("head", "tail")) {
            for (String bad : List.of("abc", "-1", "+5", "1000001", "", "1.5")) {
                FakeContext context = fifteenLines();
                assertEquals(2, context.run(name, "-n", bad, "f"), name + " " + bad);
                String synopsis = name.equals("tail") ? "tail [-f | -F] [-n N | -c N] [FILE...]"
                        : "head [-n N | -c N] [FILE...]";
                assertEquals(List.of(name + ": N must be a number from 0 to 1000000",
                        "usage: " + synopsis), context.err, name + " " + bad);
                assertEquals(List.of(), context.out);
            }
            FakeContext context = fifteenLines();
            assertEquals(2, context.run(name, "f", "-n"));
            assertEquals(name + ": option requires an argument -- 'n'", context.err.get(0));
        }
    }

    @Test
    void headHasNoFollow() throws Exception {
        FakeContext context = fifteenLines();
        assertEquals(2, context.run("head", "-f", "f"));
        assertEquals(List.of("head: invalid option -- 'f'; the built-in head has -n N -c N"
                + "; the OS program head is not available: OS programs can't be run here"), context.err);
    }

    @Test
    void headAndTailBytes() throws Exception {
        Files.writeString(home.resolve("f"), "one\ntwo\nthree\n");
        FakeContext context = new FakeContext(home);
        assertEquals(List.of("one", "tw"), run(context, "head", "-c", "6", "f"));
        assertEquals(List.of("one"), run(context, "head", "-c4", "f"));
        assertEquals(List.of(), run(context, "head", "-c", "0", "f"));
        assertEquals(List.of("one", "two", "three"), run(context, "head", "-c", "1000", "f"));
        assertEquals(List.of("ee"), run(context, "tail", "-c", "3", "f"));
        assertEquals(List.of("o", "three"), run(context, "tail", "-c", "8", "f"));
        assertEquals(List.of(), run(context, "tail", "-c", "0", "f"));
        assertEquals(List.of("one", "two", "three"), run(context, "tail", "-c", "1000", "f"));
    }

    @Test
    void tailBytesOfAFileWithoutASize() throws Exception {
        Path proc = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(proc) && Files.size(proc) == 0);
        FakeContext context = new FakeContext(home);
        List<String> last = run(context, "tail", "-c", "20", proc.toString());
        assertEquals(20, String.join("\n", last).length() + 1, last.toString()); // the final LF ends a line
    }

    @Test
    void bytesAndLinesTogetherAndBytesWithFollowAreUsageErrors() throws Exception {
        FakeContext context = fifteenLines();
        assertEquals(2, context.run("head", "-n", "1", "-c", "1", "f"));
        assertEquals("head: -n and -c can't be combined", context.err.get(0));
        context.err.clear();
        assertEquals(2, context.run("tail", "-f", "-c", "1", "f"));
        assertEquals("tail: -c can't be combined with -f", context.err.get(0));
        context.err.clear();
        assertEquals(2, context.run("tail", "-c", "x", "f"));
        assertEquals("tail: N must be a number of bytes from 0 to 1099511627776", context.err.get(0));
    }

    @Test
    void withoutAFileHeadAndTailReadStandardInput() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("head"));
        assertEquals(List.of(), context.out, "no input: at its end at once");
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append(i).append('\n');
        }
        context.input(lines.toString());
        assertEquals(0, context.run("head", "-n", "3"));
        assertEquals(List.of("1", "2", "3"), context.out);
        context.out.clear();
        context.input(lines.toString());
        assertEquals(0, context.run("tail", "-n", "2"));
        assertEquals(List.of("29", "30"), context.out);
        context.out.clear();
        context.input(lines.toString());
        assertEquals(0, context.run("tail", "-c", "3"));
        assertEquals(List.of("30"), context.out);
        assertEquals(2, context.run("tail", "-f"));
        assertEquals("tail: -f follows one FILE, not standard input", context.err.get(0));
    }

    @Test
    void missingFileAndDirectoryAreErrorsAndTheOthersStillPrinted() throws Exception {
        FakeContext context = fifteenLines();
        Files.createDirectory(home.resolve("dir"));
        assertEquals(1, context.run("tail", "-n", "1", "missing", "dir", "f"));
        assertEquals(List.of("tail: missing: No such file or directory",
                "tail: dir: Is a directory"), context.err);
        assertEquals(List.of("==> f <==", "15"), context.out);
        context.err.clear();
        assertEquals(1, context.run("head", "nope"));
        assertEquals(List.of("head: nope: No such file or directory"), context.err);
    }

    @Test
    void severalFilesGetHeaders() throws Exception {
        Files.writeString(home.resolve("a"), "a1\na2\n");
        Files.writeString(home.resolve("b"), "b1\nb2\n");
        FakeContext context = new FakeContext(home);
        assertEquals(List.of("==> a <==", "a2", "", "==> b <==", "b2"),
                run(context, "tail", "-n", "1", "a", "b"));
        assertEquals(List.of("==> a <==", "a1", "", "==> b <==", "b1"),
                run(context, "head", "-1", "a", "b"));
    }

    @Test
    void tailOfAProcFileThatReportsSizeZero() throws Exception {
        Path status = Path.of("/proc/self/status");
        assumeTrue(Files.isReadable(status) && Files.size(status) == 0);
        FakeContext context = new FakeContext(home);
        List<String> lines = run(context, "tail", "-n", "2", status.toString());
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).startsWith("nonvoluntary_ctxt_switches:"), lines.get(1));
    }

    @Test
    void unreadableFileGetsOnlyItsErrorAndNoHeader() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path secret = Files.writeString(home.resolve("secret"), "s\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(secret), "running as root: permissions don't apply");
        Files.writeString(home.resolve("a"), "a1\n");
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("head", "secret", "a"));
        assertEquals(List.of("head: secret: Permission denied"), context.err);
        assertEquals(List.of("==> a <==", "a1"), context.out);
    }
}
