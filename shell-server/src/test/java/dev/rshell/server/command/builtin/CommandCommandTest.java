package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code command NAME ARGS}: the OS program, never the built-in of that name. */
class CommandCommandTest {

    @TempDir
    Path home;

    @Test
    void runsTheProgramWithItsArgumentsAndAnswersItsStatus() throws Exception {
        FakeContext context = new FakeContext(home);
        context.programStatus = 3;
        assertEquals(3, context.run("command", "ls", "--color=never", "-Z", "--", "x"));
        assertEquals(List.of(List.of("ls", "--color=never", "-Z", "--", "x")), context.programsRun);
        assertEquals(List.of(), context.out);
    }

    @Test
    void optionsComeBeforeTheNameOnly() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("command", "--", "-weird", "-v"));
        assertEquals(List.of(List.of("-weird", "-v")), context.programsRun);
    }

    @Test
    void dashVPrintsWhereTheProgramIsOrWhyNot() throws Exception {
        FakeContext context = new FakeContext(home);
        context.programs = FakeContext.listed(Map.of("df", Path.of("/usr/bin/df")));
        assertEquals(0, context.run("command", "-v", "df"));
        assertEquals(List.of("/usr/bin/df"), context.out);
        assertEquals(1, context.run("command", "-v", "ls"));
        assertEquals(List.of("command: ls: role operator may not run ls: it is not on the role's list of programs"),
                context.err);
        assertEquals(List.of(), context.programsRun);
    }

    @Test
    void usageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("command"));
        assertEquals(2, context.run("command", "-x", "ls"));
        assertEquals(2, context.run("command", "-v", "a", "b"));
        assertEquals(List.of("command: missing NAME", "usage: command [-v] NAME [ARGS...]",
                "command: invalid option -- 'x'", "usage: command [-v] NAME [ARGS...]",
                "command: -v takes one NAME", "usage: command [-v] NAME [ARGS...]"), context.err);
        assertEquals(List.of(), context.programsRun);
    }
}
