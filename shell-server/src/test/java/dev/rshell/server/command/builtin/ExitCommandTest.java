package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitCommandTest {

    @TempDir
    Path home;

    @Test
    void withoutStatusEndsTheSessionWithZero() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("exit"));
        assertTrue(context.sessionEnded);
        assertEquals(List.of(), context.err);
    }

    @Test
    void withStatusEndsTheSessionWithIt() throws Exception {
        for (int status : new int[] {0, 3, 255}) {
            FakeContext context = new FakeContext(home);
            assertEquals(status, context.run("exit", Integer.toString(status)));
            assertTrue(context.sessionEnded);
        }
    }

    @Test
    void badStatusIsAUsageErrorAndTheSessionGoesOn() throws Exception {
        for (String bad : List.of("256", "-1", "abc", "", "1.0", "99999999999999999999")) {
            FakeContext context = new FakeContext(home);
            assertEquals(2, context.run("exit", bad), bad);
            assertEquals(List.of("exit: STATUS must be a number from 0 to 255",
                    "usage: exit [STATUS]"), context.err, bad);
            assertFalse(context.sessionEnded, bad);
        }
    }

    @Test
    void twoStatusesAreAUsageError() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("exit", "1", "2"));
        assertEquals(List.of("exit: too many arguments", "usage: exit [STATUS]"), context.err);
        assertFalse(context.sessionEnded);
    }
}
