package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class LsCommandTest {

    private static final FileTime MTIME = FileTime.from(Instant.parse("2026-01-02T03:04:05Z"));

    /** The listed directory's parent is the test's own, so {@code ..} in a listing is stable. */
    @TempDir
    Path parent;

    private Path home;

    private FakeContext context;

    @BeforeEach
    void files() throws Exception {
        home = Files.createDirectory(parent.resolve("home"));
        context = new FakeContext(home);
        Files.writeString(home.resolve("b.txt"), "b".repeat(12345));
        Files.writeString(home.resolve("a.txt"), "1");
        Files.writeString(home.resolve(".hidden"), "");
        Files.createDirectory(home.resolve("dir"));
        Files.writeString(home.resolve("dir/inner"), "");
    }

    private boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
    }

    @Test
    void listsTheWorkingDirectorySortedWithoutDotfiles() throws Exception {
        assertEquals(0, context.run("ls"));
        assertEquals(List.of("a.txt", "b.txt", "dir"), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void dashAShowsDotfilesAndDotAndDotDot() throws Exception {
        assertEquals(0, context.run("ls", "-a"));
        assertEquals(List.of(".", "..", ".hidden", "a.txt", "b.txt", "dir"), context.out);
    }

    @Test
    void sortsByCodePointLikeTheCLocale() throws Exception {
        Files.writeString(home.resolve("B.txt"), "");
        Files.writeString(home.resolve("_x"), "");
        assertEquals(0, context.run("ls"));
        assertEquals(List.of("B.txt", "_x", "a.txt", "b.txt", "dir"), context.out);
    }

    @Test
    void combinedAndSeparateFlagsGiveTheSameListing() throws Exception {
        context.run(new LsCommand(ZoneOffset.UTC), "-la");
        List<String> combined = List.copyOf(context.out);
        for (String[] args : new String[][] {{"-al"}, {"-l", "-a"}, {".", "-a", "-l"}}) {
            context.out.clear();
            assertEquals(0, context.run(new LsCommand(ZoneOffset.UTC), args));
            assertEquals(combined, context.out, String.join(" ", args));
        }
        assertEquals(6, combined.size());
        assertTrue(combined.get(0).endsWith(" ."));
        assertTrue(combined.get(1).endsWith(" .."));
    }

    @Test
    void fileOperandPrintsAsTyped() throws Exception {
        assertEquals(0, context.run("ls", "./a.txt"));
        assertEquals(List.of("./a.txt"), context.out);
    }

    @Test
    void missingPathIsReportedAndTheOthersStillListed() throws Exception {
        assertEquals(1, context.run("ls", "missing", "a.txt"));
        assertEquals(List.of("ls: missing: No such file or directory"), context.err);
        assertEquals(List.of("a.txt"), context.out);
    }

    @Test
    void severalOperandsListFilesFirstThenEachDirectoryUnderAHeader() throws Exception {
        Files.createDirectory(home.resolve("empty"));
        // Sorted like entries, as GNU ls sorts its operands.
        assertEquals(0, context.run("ls", "empty", "b.txt", "dir", "a.txt"));
        assertEquals(List.of("a.txt", "b.txt", "", "dir:", "inner", "", "empty:"), context.out);
    }

    @Test
    void oneDirectoryAndAMissingOneStillGetsAHeader() throws Exception {
        assertEquals(1, context.run("ls", "nope", "dir"));
        assertEquals(List.of("dir:", "inner"), context.out);
    }

    @Test
    void emptyDirectoryPrintsNothing() throws Exception {
        Files.createDirectory(home.resolve("empty"));
        assertEquals(0, context.run("ls", "empty"));
        assertEquals(List.of(), context.out);
    }

    @Test
    void unknownOptionIsOneLineNamingTheFlagsAndTheProgram() throws Exception {
        assertEquals(2, context.run("ls", "-lz"));
        assertEquals(List.of("ls: invalid option -- 'z'; the built-in ls has -l -a -A -h -t -r -S -d -1 -R;"
                + " the OS program ls is not available: OS programs can't be run here"), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void almostAllShowsDotfilesButNotDotAndDotDot() throws Exception {
        assertEquals(0, context.run("ls", "-A"));
        assertEquals(List.of(".hidden", "a.txt", "b.txt", "dir"), context.out);
    }

    @Test
    void sortBySizeLargestFirstAndReverse() throws Exception {
        Files.writeString(home.resolve("c.txt"), "cc");
        assertEquals(0, context.run("ls", "-S", "a.txt", "b.txt", "c.txt"));
        assertEquals(List.of("b.txt", "c.txt", "a.txt"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-Sr", "a.txt", "b.txt", "c.txt"));
        assertEquals(List.of("a.txt", "c.txt", "b.txt"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-r"));
        assertEquals(List.of("dir", "c.txt", "b.txt", "a.txt"), context.out);
    }

    @Test
    void sortByTimeNewestFirstAndLtrOldestFirst() throws Exception {
        Files.setLastModifiedTime(home.resolve("b.txt"), FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(home.resolve("dir"), FileTime.from(Instant.parse("2026-02-01T00:00:00Z")));
        Files.setLastModifiedTime(home.resolve("a.txt"), FileTime.from(Instant.parse("2026-03-01T00:00:00Z")));
        assertEquals(0, context.run("ls", "-t"));
        assertEquals(List.of("a.txt", "dir", "b.txt"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-ltr"));
        assertEquals(3, context.out.size());
        assertTrue(context.out.get(0).endsWith(" b.txt"), context.out.get(0));
        assertTrue(context.out.get(1).endsWith(" dir"), context.out.get(1));
        assertTrue(context.out.get(2).endsWith(" a.txt"), context.out.get(2));
    }

    @Test
    void directoryItselfWithD() throws Exception {
        assertEquals(0, context.run("ls", "-d", "dir", "a.txt"));
        assertEquals(List.of("a.txt", "dir"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-ld"));
        assertEquals(1, context.out.size());
        assertTrue(context.out.get(0).startsWith("d") && context.out.get(0).endsWith(" ."), context.out.get(0));
    }

    @Test
    void onePerLineIsAcceptedAndChangesNothing() throws Exception {
        assertEquals(0, context.run("ls", "-1"));
        assertEquals(List.of("a.txt", "b.txt", "dir"), context.out);
    }

    @Test
    void recursiveListsSubdirectoriesDepthFirstUnderHeaders() throws Exception {
        Files.createDirectories(home.resolve("dir/sub/deeper"));
        Files.writeString(home.resolve("dir/sub/x"), "");
        Files.createDirectory(home.resolve("other"));
        assertEquals(0, context.run("ls", "-R"));
        assertEquals(List.of(".:", "a.txt", "b.txt", "dir", "other",
                "", "./dir:", "inner", "sub",
                "", "./dir/sub:", "deeper", "x",
                "", "./dir/sub/deeper:",
                "", "./other:"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-R", "dir/sub"));
        assertEquals(List.of("dir/sub:", "deeper", "x", "", "dir/sub/deeper:"), context.out);
    }

    @Test
    void recursiveDoesNotFollowLinksToDirectories() throws Exception {
        assumeTrue(posix());
        Files.createSymbolicLink(home.resolve("dir/loop"), home);
        assertEquals(0, context.run("ls", "-R", "dir"));
        assertEquals(List.of("dir:", "inner", "loop"), context.out);
    }

    @Test
    void humanSizesWithLh() throws Exception {
        Files.write(home.resolve("big"), new byte[1536]);
        assertEquals(0, context.run("ls", "-lh", "big", "a.txt", "b.txt"));
        assertTrue(context.out.get(0).matches(".* 1 \\d{4}-.* a\\.txt"), context.out.get(0));
        assertTrue(context.out.get(1).matches(".* 13K \\d{4}-.* b\\.txt"), context.out.get(1));
        assertTrue(context.out.get(2).matches(".* 1\\.5K \\d{4}-.* big"), context.out.get(2));
    }

    @Test
    void humanSizeRoundsUpAsGnuDoes() {
        assertEquals("0", LongFormat.humanSize(0));
        assertEquals("1023", LongFormat.humanSize(1023));
        assertEquals("1.0K", LongFormat.humanSize(1024));
        assertEquals("1.1K", LongFormat.humanSize(1025));
        assertEquals("1.5K", LongFormat.humanSize(1536));
        assertEquals("10K", LongFormat.humanSize(10 * 1024 - 1));
        assertEquals("10K", LongFormat.humanSize(10 * 1024));
        assertEquals("11K", LongFormat.humanSize(10 * 1024 + 1));
        assertEquals("1.0M", LongFormat.humanSize(1024 * 1024 - 1));
        assertEquals("234M", LongFormat.humanSize(234L * 1024 * 1024));
        assertEquals("2.5G", LongFormat.humanSize(5L << 29));
        assertEquals("8.0E", LongFormat.humanSize(Long.MAX_VALUE));
    }

    @Test
    void longFormatFields() throws Exception {
        assumeTrue(posix());
        Path file = home.resolve("b.txt");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        Files.setLastModifiedTime(file, MTIME);
        assertEquals(0, context.run(new LsCommand(ZoneOffset.UTC), "-l", "b.txt"));
        assertEquals(1, context.out.size());
        String[] fields = context.out.get(0).split(" +");
        assertEquals(List.of("-rw-r-----", "1", Files.getOwner(file).getName(), "12345"),
                List.of(fields[0], fields[1], fields[2], fields[4]));
        assertEquals(List.of("2026-01-02", "03:04", "b.txt"),
                List.of(fields[5], fields[6], fields[7]));
        assertEquals(8, fields.length);
    }

    @Test
    void longFormatTimesAreInTheServersZone() throws Exception {
        Files.setLastModifiedTime(home.resolve("a.txt"), MTIME);
        assertEquals(0, context.run(new LsCommand(ZoneOffset.ofHours(5)), "-l", "a.txt"));
        assertTrue(context.out.get(0).endsWith(" 2026-01-02 08:04 a.txt"), context.out.get(0));
    }

    @Test
    void longFormatDirectoriesAndSymlinks() throws Exception {
        assumeTrue(posix());
        Files.createSymbolicLink(home.resolve("link"), Path.of("a.txt"));
        assertEquals(0, context.run("ls", "-l"));
        assertEquals(4, context.out.size());
        assertTrue(context.out.get(0).startsWith("-"), context.out.get(0));
        assertTrue(context.out.get(2).startsWith("d"), context.out.get(2));
        assertTrue(context.out.get(2).endsWith(" dir"), context.out.get(2));
        assertTrue(context.out.get(3).startsWith("lrwxrwxrwx"), context.out.get(3));
        assertTrue(context.out.get(3).endsWith(" link -> a.txt"), context.out.get(3));
    }

    @Test
    void longFormatColumnsAreAligned() throws Exception {
        assertEquals(0, context.run("ls", "-l", "a.txt", "b.txt"));
        // Sizes 1 and 12345 are right-aligned, so both dates start at the same column.
        int date0 = context.out.get(0).indexOf(" 20");
        int date1 = context.out.get(1).indexOf(" 20");
        assertTrue(date0 > 0);
        assertEquals(date0, date1, String.join("\n", context.out));
        assertTrue(context.out.get(0).substring(0, date0).endsWith("    1"));
    }

    @Test
    void symlinkToDirectoryIsListedWithoutDashLAndShownWithIt() throws Exception {
        assumeTrue(posix());
        Files.createSymbolicLink(home.resolve("dirlink"), home.resolve("dir"));
        assertEquals(0, context.run("ls", "dirlink"));
        assertEquals(List.of("inner"), context.out);
        context.out.clear();
        assertEquals(0, context.run("ls", "-l", "dirlink"));
        assertEquals(1, context.out.size());
        assertTrue(context.out.get(0).startsWith("l"));
        assertTrue(context.out.get(0).endsWith(" dirlink -> " + home.resolve("dir")));
    }

    @Test
    void danglingSymlinkOperandIsShownNotMissing() throws Exception {
        assumeTrue(posix());
        Files.createSymbolicLink(home.resolve("dangling"), Path.of("nowhere"));
        assertEquals(0, context.run("ls", "dangling"));
        assertEquals(List.of("dangling"), context.out);
    }

    @Test
    void controlCharactersInNamesCannotBreakTheLine() throws Exception {
        assumeTrue(posix());
        Files.writeString(home.resolve("bad\nname"), "");
        assertEquals(0, context.run("ls"));
        assertEquals(List.of("a.txt", "b.txt", "bad?name", "dir"), context.out);
    }

    @Test
    void permissionDeniedIsStatusOne() throws Exception {
        assumeTrue(posix());
        Path locked = Files.createDirectory(home.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "running as root: permissions don't apply");
            assertEquals(1, context.run("ls", "locked", "a.txt"));
            assertEquals(List.of("ls: locked: Permission denied"), context.err);
            assertEquals(List.of("a.txt", "", "locked:"), context.out);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void interruptStopsTheListing() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> context.run("ls", "-la"));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void modeStrings() {
        assertEquals("-rw-r--r--", LongFormat.mode(0100644));
        assertEquals("drwxr-xr-x", LongFormat.mode(040755));
        assertEquals("lrwxrwxrwx", LongFormat.mode(0120777));
        assertEquals("-rwsr-xr-x", LongFormat.mode(0104755));
        assertEquals("-rw-r-Sr--", LongFormat.mode(0102644));
        assertEquals("drwxrwxrwt", LongFormat.mode(041777));
        assertEquals("drwxrwxrwT", LongFormat.mode(041776));
        assertEquals("prw-------", LongFormat.mode(010600));
        assertEquals("crw-rw-rw-", LongFormat.mode(020666));
        assertEquals("srwxr-xr-x", LongFormat.mode(0140755));
        assertEquals("brw-rw----", LongFormat.mode(060660));
    }

    @Test
    void linkCountOfADirectoryComesFromTheFileSystem() throws Exception {
        assumeTrue(posix());
        Files.createDirectory(home.resolve("dir/sub"));
        Object nlink = Files.getAttribute(home.resolve("dir"), "unix:nlink",
                LinkOption.NOFOLLOW_LINKS);
        assertEquals(0, context.run("ls", "-la", "dir"));
        assertTrue(context.out.get(0).endsWith(" ."), context.out.get(0));
        assertEquals(nlink.toString(), context.out.get(0).split(" +")[1]);
    }

    @Test
    void emptyNameIsNoSuchFile() throws Exception {
        assertEquals(1, context.run("ls", "", "a.txt"));
        assertEquals(List.of("ls: : No such file or directory"), context.err);
        assertEquals(List.of("a.txt"), context.out);
    }
}
