package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdCommandTest {

    @TempDir
    Path home;

    @Test
    void withoutArgumentGoesHome() throws Exception {
        FakeContext context = new FakeContext(home);
        context.cwd = Files.createDirectory(home.resolve("elsewhere"));
        assertEquals(0, context.run("cd"));
        assertEquals(List.of(context.home), context.directoryChanges);
        assertEquals(List.of(), context.err);
    }

    @Test
    void relativeDirectoryResolvesAgainstTheWorkingDirectory() throws Exception {
        FakeContext context = new FakeContext(home);
        Files.createDirectories(home.resolve("a/b"));
        assertEquals(0, context.run("cd", "a/b"));
        assertEquals(0, context.run("cd", "../.."));
        assertEquals(List.of(context.home.resolve("a/b"), context.home), context.directoryChanges);
    }

    @Test
    void absoluteDirectory() throws Exception {
        FakeContext context = new FakeContext(home);
        Path target = Files.createDirectory(home.resolve("abs")).toAbsolutePath();
        assertEquals(0, context.run("cd", target.toString()));
        assertEquals(List.of(target), context.directoryChanges);
    }

    @Test
    void missingDirectoryIsStatusOneAndNoChange() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cd", "missing"));
        assertEquals(List.of("cd: missing: No such file or directory"), context.err);
        assertEquals(List.of(), context.directoryChanges);
    }

    @Test
    void danglingLinkIsMissing() throws Exception {
        FakeContext context = new FakeContext(home);
        Files.createSymbolicLink(home.resolve("dangling"), home.resolve("nowhere"));
        assertEquals(1, context.run("cd", "dangling"));
        assertEquals(List.of("cd: dangling: No such file or directory"), context.err);
    }

    @Test
    void fileIsNotADirectory() throws Exception {
        FakeContext context = new FakeContext(home);
        Files.writeString(home.resolve("f.txt"), "x");
        assertEquals(1, context.run("cd", "f.txt"));
        assertEquals(List.of("cd: f.txt: Not a directory"), context.err);
        assertEquals(List.of(), context.directoryChanges);
    }

    @Test
    void usageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("cd", "a", "b"));
        assertEquals(2, context.run("cd", "-"));
        assertEquals(2, context.run("cd", "-L"));
        assertEquals(List.of("cd: too many arguments", "usage: cd [DIR]",
                "cd: 'cd -' (previous directory) is not supported; use cd ./- for a directory named -",
                "usage: cd [DIR]",
                "cd: invalid option -- 'L'", "usage: cd [DIR]"), context.err);
        assertEquals(List.of(), context.directoryChanges);
    }

    @Test
    void pathWithNulIsAnErrorNotACrash() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cd", "a\u0000b"));
        assertEquals(List.of("cd: a?b: Invalid path"), context.err);
    }

    @Test
    void emptyArgumentIsNoSuchDirectory() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("cd", ""));
        assertEquals(List.of("cd: : No such file or directory"), context.err);
        assertEquals(List.of(), context.directoryChanges);
    }

    @Test
    void directoryWithoutSearchPermissionIsDenied() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path locked = Files.createDirectory(home.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rw-------"));
        try {
            assumeFalse(Files.isExecutable(locked), "running as root: permissions don't apply");
            FakeContext context = new FakeContext(home);
            assertEquals(1, context.run("cd", "locked"));
            assertEquals(List.of("cd: locked: Permission denied"), context.err);
            assertEquals(List.of(), context.directoryChanges);
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
