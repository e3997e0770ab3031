package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read fence of the file built-ins: {@code cat}, {@code head}, {@code tail} and {@code ls}
 * ask {@code mayRead} about every path before opening or listing it; a refused path is a file
 * error naming the role, and the other arguments are still processed.
 */
@Timeout(10)
class ReadFenceTest {

    @TempDir
    Path home;

    private FakeContext context;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectory(home.resolve("secret"));
        Files.writeString(home.resolve("secret/data"), "S\n");
        Files.createDirectory(home.resolve("open"));
        Files.writeString(home.resolve("pub"), "P\n");
        context = new FakeContext(home).deny("secret");
    }

    private static String refused(String command, String arg) {
        return command + ": " + arg + ": Permission denied (outside what role operator may read)";
    }

    @Test
    void catRefusesAFencedFileAndPrintsTheOthers() throws Exception {
        assertEquals(1, context.run("cat", "secret/data", "pub"));
        assertEquals(List.of(refused("cat", "secret/data")), context.err);
        assertEquals(List.of("P"), context.out);
    }

    @Test
    void headRefusesAFencedFileAndPrintsTheOthers() throws Exception {
        assertEquals(1, context.run("head", "pub", "secret/data"));
        assertEquals(List.of(refused("head", "secret/data")), context.err);
        assertEquals(List.of("==> pub <==", "P"), context.out);
    }

    @Test
    void tailRefusesAFencedFileAndPrintsTheOthers() throws Exception {
        assertEquals(1, context.run("tail", "secret/data", "pub"));
        assertEquals(List.of(refused("tail", "secret/data")), context.err);
        assertEquals(List.of("==> pub <==", "P"), context.out);
    }

    @Test
    void lsRefusesAFencedDirectoryOrFileAndListsTheOthers() throws Exception {
        assertEquals(1, context.run("ls", "secret", "pub", "secret/data", "open"));
        assertEquals(List.of(refused("ls", "secret"), refused("ls", "secret/data")),
                context.err);
        assertEquals(List.of("pub", "", "open:"), context.out);
    }

    @Test
    void lsOfAFencedWorkingDirectoryIsRefused() throws Exception {
        context.cwd = home.resolve("secret");
        assertEquals(1, context.run("ls"));
        assertEquals(List.of(refused("ls", ".")), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void aReadableDirectoryListsItsEntriesEvenFencedOnes() throws Exception {
        assertEquals(0, context.run("ls"));
        assertEquals(List.of("open", "pub", "secret"), context.out);
        assertEquals(List.of(home), context.readChecks);
    }

    @Test
    void theResolvedNormalizedPathIsChecked() throws Exception {
        assertEquals(1, context.run("cat", "open/../secret/./data"));
        assertEquals(List.of(refused("cat", "open/../secret/./data")), context.err);
        assertEquals(List.of(home.resolve("secret/data")), context.readChecks);
    }

    @Test
    void aRefusalSaysNothingAboutWhetherThePathExists() throws Exception {
        for (String command : List.of("cat", "head", "tail", "ls")) {
            context.err.clear();
            assertEquals(1, context.run(command, "secret/missing"), command);
            assertEquals(List.of(refused(command, "secret/missing")), context.err);
        }
    }

    @Test
    void everyPathIsCheckedBeforeItIsOpened() throws Exception {
        FakeContext open = new FakeContext(home);
        for (String command : List.of("cat", "head", "tail")) {
            open.readChecks.clear();
            assertEquals(0, open.run(command, "pub"), command);
            assertEquals(List.of(home.resolve("pub")), open.readChecks, command);
        }
        assertTrue(open.err.isEmpty(), open.err.toString());
    }
}
