package dev.rshell.server.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgramResolverTest {

    @TempDir
    Path root;

    private Path file(String path, String permissions) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private String path(String... dirs) {
        StringBuilder value = new StringBuilder();
        for (String d : dirs) {
            value.append(value.length() == 0 ? "" : ":").append(d.startsWith("/") || d.isEmpty() ? d : root.resolve(d));
        }
        return value.toString();
    }

    @Test
    void firstExecutableOnPathWins() throws IOException {
        file("a/tool", "rwxr-xr-x");
        Path second = file("b/tool", "rwxr-xr-x");
        assertEquals(new ProgramResolver.Found(root.resolve("a/tool")),
                ProgramResolver.lookup("tool", path("a", "b"), root));
        assertEquals(Optional.of(second), ProgramResolver.resolve("tool", path("b", "a"), root));
    }

    @Test
    void nonExecutableIsSkippedButRememberedFor126() throws IOException {
        file("a/tool", "rw-r--r--");
        Path executable = file("b/tool", "rwxr-xr-x");
        assertEquals(new ProgramResolver.Found(executable), ProgramResolver.lookup("tool", path("a", "b"), root));
        assertEquals(new ProgramResolver.NotExecutable(root.resolve("a/tool")),
                ProgramResolver.lookup("tool", path("a", "c"), root));
        assertEquals(Optional.empty(), ProgramResolver.resolve("tool", path("a"), root));
    }

    @Test
    void emptyAndRelativeEntriesAreSkipped() throws IOException {
        file("tool", "rwxr-xr-x");
        file("bin/tool", "rwxr-xr-x");
        // "" and "bin" would mean the working directory and root/bin to sh.
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("tool", ":bin:.", root));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("tool", "", root));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("tool", null, root));
    }

    @Test
    void directoriesOnPathAreSkipped() throws IOException {
        Files.createDirectories(root.resolve("a/tool"));
        Path executable = file("b/tool", "rwxr-xr-x");
        assertEquals(new ProgramResolver.Found(executable), ProgramResolver.lookup("tool", path("a", "b"), root));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("tool", path("a"), root));
    }

    @Test
    void wordWithSlashIsAFileRelativeToTheWorkingDirectory() throws IOException {
        Path executable = file("sub/run.sh", "rwxr-xr-x");
        file("sub/data", "rw-r--r--");
        Path cwd = root.resolve("sub");
        String noPath = path("/nonexistent");
        assertEquals(new ProgramResolver.Found(cwd.resolve("./run.sh")), ProgramResolver.lookup("./run.sh", noPath, cwd));
        assertEquals(new ProgramResolver.Found(executable), ProgramResolver.lookup(executable.toString(), noPath, cwd));
        assertEquals(new ProgramResolver.Found(root.resolve("sub/run.sh")), ProgramResolver.lookup("sub/run.sh", noPath, root));
        assertInstanceOf(ProgramResolver.NotExecutable.class, ProgramResolver.lookup("./data", noPath, cwd));
        assertInstanceOf(ProgramResolver.NotExecutable.class, ProgramResolver.lookup("../sub", noPath, cwd));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("./nope", noPath, cwd));
    }

    @Test
    void oddWordsAreNotFound() {
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("", "/bin", root));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("a\0b", "/bin", root));
        assertInstanceOf(ProgramResolver.NotFound.class, ProgramResolver.lookup("..", "/bin", root));
    }

    @Test
    void findsRealPrograms() {
        assertEquals(Optional.of(Path.of("/usr/bin/env")), ProgramResolver.resolve("env", "/usr/bin:/bin", root));
    }
}
