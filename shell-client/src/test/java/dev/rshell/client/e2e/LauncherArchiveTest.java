package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rshell} and its start-up archive: made once when missing, made again when stale,
 * and whatever state it is in (broken, in a directory that can't be written, turned off, a
 * failed training run), the client runs and prints exactly what it would without it.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LauncherArchiveTest {

    private static final Path JAR = Launcher.ROOT.resolve("shell-client/target/rshell.jar");

    @TempDir
    Path dir;

    private static Launcher.Result version(Map<String, String> env) throws Exception {
        Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell"), "--version"), env, null, 120);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().matches("rshell \\S+\n"), r.out());
        return r;
    }

    private static Map<String, String> cdsDir(Path path) {
        Map<String, String> env = new HashMap<>();
        env.put("RSHELL_CDS_DIR", path.toString());
        return env;
    }

    private static List<Path> files(Path d) throws Exception {
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.sorted().toList();
        }
    }

    private static Path onlyArchive(Path d) throws Exception {
        List<Path> all = files(d);
        assertEquals(1, all.size(), "one archive and nothing else: " + all);
        assertTrue(all.get(0).getFileName().toString().endsWith(".jsa"), all.toString());
        return all.get(0);
    }

    @Test
    void aMissingArchiveIsMadeOnceAndAStaleOneIsMadeAgain() throws Exception {
        Path cds = dir.resolve("cds");
        assertEquals("", version(cdsDir(cds)).err());
        Path archive = onlyArchive(cds);
        assertTrue(Files.size(archive) > 0);
        FileTime made = Files.getLastModifiedTime(archive);

        assertEquals("", version(cdsDir(cds)).err());
        assertEquals(made, Files.getLastModifiedTime(archive), "a fresh archive is used, not made again");

        // Older than the jar: made from another build, so made again.
        Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        assertEquals("", version(cdsDir(cds)).err());
        assertEquals(archive, onlyArchive(cds));
        assertTrue(Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(JAR)) > 0);
    }

    @Test
    void aBrokenArchiveIsSkippedSilently() throws Exception {
        Path cds = dir.resolve("cds");
        version(cdsDir(cds));
        Path archive = onlyArchive(cds);
        // Newer than the jar, so the launcher hands it over; the JVM refuses it without a word.
        byte[] junk = new byte[4096];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        Files.write(archive, junk);
        assertEquals("", version(cdsDir(cds)).err());
    }

    @Test
    void aDirectoryThatCantBeWrittenOnlyCostsTheArchive() throws Exception {
        // Even root can't make a directory below a regular file.
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        assertEquals("", version(cdsDir(file.resolve("cds"))).err());
        assertEquals(List.of(file), files(dir));

        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertEquals("", version(cdsDir(readOnly)).err());
            if (!"root".equals(System.getProperty("user.name"))) {
                assertEquals(List.of(), files(readOnly));
            }
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void offMeansNoArchiveAndAFailedTrainingIsNotTriedAgain() throws Exception {
        Path cds = dir.resolve("cds");
        Map<String, String> off = cdsDir(cds);
        off.put("RSHELL_CDS", "off");
        assertEquals("", version(off).err());
        assertEquals(List.of(), files(cds));

        // The marker a failed training leaves, newer than the jar: no training, no archive.
        Path other = dir.resolve("other");
        version(cdsDir(other));
        String name = onlyArchive(other).getFileName().toString();
        Files.createDirectories(cds);
        Path marker = Files.createFile(cds.resolve(name + ".failed"));
        assertEquals("", version(cdsDir(cds)).err());
        assertEquals(List.of(marker), files(cds));
    }

    @Test
    void theTimingLineStartsAtTheLauncher() throws Exception {
        Map<String, String> env = cdsDir(dir.resolve("cds"));
        env.put("RSHELL_TIMING", "1");
        String err = version(env).err();
        // One line (. matches no line break), starting with the launcher's phase.
        assertTrue(err.matches("rshell: timing: launcher \\d+ ms, jvm \\d+ ms, .*total \\d+ ms\n"), err);
    }
}
