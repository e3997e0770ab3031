package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class CatCommandTest {

    @TempDir
    Path home;

    private FakeContext cat(String content, String... args) throws Exception {
        Files.writeString(home.resolve("f"), content);
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat", args.length == 0 ? new String[] {"f"} : args));
        assertEquals(List.of(), context.err);
        return context;
    }

    @Test
    void printsLines() throws Exception {
        assertEquals(List.of("one", "two"), cat("one\ntwo\n").out);
    }

    @Test
    void lastLineWithoutLineFeedIsPrinted() throws Exception {
        assertEquals(List.of("one", "two"), cat("one\ntwo").out);
    }

    @Test
    void emptyFilePrintsNothing() throws Exception {
        assertEquals(List.of(), cat("").out);
    }

    @Test
    void emptyLinesAreKept() throws Exception {
        assertEquals(List.of(""), cat("\n").out);
        assertEquals(List.of("", "a", "", ""), cat("\na\n\n\n").out);
    }

    @Test
    void crBeforeLfIsDropped() throws Exception {
        assertEquals(List.of("dos", "line", "mid\rdle"), cat("dos\r\nline\r\nmid\rdle").out);
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws Exception {
        Files.write(home.resolve("bin"), new byte[] {'a', (byte) 0xff, 'b', '\n', (byte) 0xc3});
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat", "bin"));
        assertEquals(List.of("a\ufffdb", "\ufffd"), context.out);
    }

    @Test
    void severalFilesInOrder() throws Exception {
        Files.writeString(home.resolve("a"), "A\n");
        Files.writeString(home.resolve("b"), "B");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat", "a", "b", "a"));
        assertEquals(List.of("A", "B", "A"), context.out);
    }

    @Test
    void missingFileIsReportedAndTheOthersStillPrinted() throws Exception {
        Files.writeString(home.resolve("a"), "A\n");
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cat", "missing", "a"));
        assertEquals(List.of("cat: missing: No such file or directory"), context.err);
        assertEquals(List.of("A"), context.out);
    }

    @Test
    void directoryIsAnError() throws Exception {
        Files.createDirectory(home.resolve("dir"));
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cat", "dir"));
        assertEquals(List.of("cat: dir: Is a directory"), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void withoutAFileItPrintsStandardInputWhichIsEmptyWithoutInput() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat"));
        assertEquals(List.of(), context.out);
        context.input("pear\napple\n");
        assertEquals(0, context.run("cat"));
        assertEquals(List.of("pear", "apple"), context.out);
        context.out.clear();
        java.nio.file.Files.writeString(home.resolve("f"), "a\n");
        context.input("b\n");
        assertEquals(0, context.run("cat", "f", "-"));
        assertEquals(List.of("a", "b"), context.out, "- is standard input, after the file");
    }

    @Test
    void usageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("cat", "-v", "f"));
        assertEquals(List.of("cat: invalid option -- 'v'; the built-in cat has -n"
                        + "; the OS program cat is not available: OS programs can't be run here"),
                context.err);
    }

    @Test
    void dashNNumbersLinesAcrossFilesAsGnuDoes() throws Exception {
        Files.writeString(home.resolve("g"), "third\n\nfifth");
        FakeContext context = cat("first\nsecond\n", "-n", "f", "g");
        assertEquals(List.of("     1\tfirst", "     2\tsecond", "     3\tthird", "     4\t",
                "     5\tfifth"), context.out);
    }

    @Test
    void dashNGivesALongLineOneNumberForAllItsPieces() throws Exception {
        Files.writeString(home.resolve("f"), "x".repeat(25) + "\nend\n");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new CatCommand(10), "-n", "f"));
        assertEquals(List.of("     1\t" + "x".repeat(10), "x".repeat(10), "x".repeat(5), "     2\tend"),
                context.out);
    }

    @Test
    void dashIsStandardInputAndAFileNamedDashIsReachedAsDotSlashDash() throws Exception {
        Files.writeString(home.resolve("-"), "dash\n");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat", "-"));
        assertEquals(List.of(), context.out);
        assertEquals(0, context.run("cat", "./-"));
        assertEquals(List.of("dash"), context.out);
    }

    @Test
    void veryLongLineComesOutInBoundedPieces() throws Exception {
        int length = 3 * LineStreamer.MAX_LINE_CHARS + 1234;
        String longLine = "x".repeat(length);
        FakeContext context = cat(longLine + "\nend\n");
        assertEquals(5, context.out.size());
        for (String piece : context.out) {
            assertTrue(piece.length() <= LineStreamer.MAX_LINE_CHARS, "piece " + piece.length());
        }
        assertEquals(longLine, String.join("", context.out.subList(0, 4)));
        assertEquals("end", context.out.get(4));
    }

    @Test
    void binaryWithoutLineFeedsStreamsInBoundedPieces() throws Exception {
        // 8 MiB of NULs: no LF at all; it must come out in pieces, never as one string.
        Path zeros = home.resolve("zeros");
        byte[] block = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(zeros)) {
            for (int i = 0; i < 8; i++) {
                out.write(block);
            }
        }
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("cat", "zeros"));
        assertEquals(8 * 1024 * 1024 / LineStreamer.MAX_LINE_CHARS, context.out.size());
        assertTrue(context.out.stream().allMatch(l -> l.length() == LineStreamer.MAX_LINE_CHARS));
    }

    @Test
    void piecesNeverSplitASurrogatePair() throws Exception {
        String text = "a\uD83D\uDE00\u00e9\uD83D\uDE00bcdefgh\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00";
        Files.writeString(home.resolve("f"), text, StandardCharsets.UTF_8);
        for (int max = 2; max <= 6; max++) {
            FakeContext context = new FakeContext(home);
            assertEquals(0, context.run(new CatCommand(max), "f"));
            assertEquals(text, String.join("", context.out), "max " + max);
            for (String piece : context.out) {
                assertTrue(piece.length() <= max, piece);
                assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), piece);
                assertFalse(Character.isLowSurrogate(piece.charAt(0)), piece);
            }
        }
    }

    @Test
    void lineOfExactlyTheLimitIsOneLine() throws Exception {
        Files.writeString(home.resolve("f"), "abcd\nabcd");
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new CatCommand(4), "f"));
        assertEquals(List.of("abcd", "abcd"), context.out);
    }

    @Test
    void interruptStopsCat() throws Exception {
        char[] big = new char[1024 * 1024];
        Arrays.fill(big, 'y');
        Files.writeString(home.resolve("f"), new String(big));
        FakeContext context = new FakeContext(home);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> context.run("cat", "f"));
        } finally {
            Thread.interrupted();
        }
        assertEquals(List.of(), context.err, "an interrupt is not a file error");
    }

    @Test
    void emptyNameIsNoSuchFile() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cat", ""));
        assertEquals(List.of("cat: : No such file or directory"), context.err);
    }

    @Test
    void unreadableFileIsPermissionDenied() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path secret = Files.writeString(home.resolve("secret"), "s\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(secret), "running as root: permissions don't apply");
        Files.writeString(home.resolve("a"), "A\n");
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cat", "secret", "a"));
        assertEquals(List.of("cat: secret: Permission denied"), context.err);
        assertEquals(List.of("A"), context.out);
    }
}
