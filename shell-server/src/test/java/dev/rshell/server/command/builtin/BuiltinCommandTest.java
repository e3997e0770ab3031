package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.builtin.BuiltinCommand.Options;
import dev.rshell.server.command.builtin.BuiltinCommand.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared conventions: option parsing, numbers, printable names, usage errors. */
class BuiltinCommandTest {

    @TempDir
    Path home;

    @Test
    void combinedAndSeparateFlagsMeanTheSame() throws Exception {
        for (List<String> args : List.of(List.of("-la"), List.of("-al"), List.of("-l", "-a"))) {
            Options options = Options.parse(args, "la", "");
            assertEquals(Set.of('l', 'a'), options.flags(), args.toString());
            assertEquals(List.of(), options.operands());
        }
    }

    @Test
    void optionsMayFollowOperandsAndDoubleDashEndsThem() throws Exception {
        Options options = Options.parse(List.of("x", "-l", "--", "-a", "-"), "la", "");
        assertEquals(Set.of('l'), options.flags());
        assertEquals(List.of("x", "-a", "-"), options.operands());
    }

    @Test
    void loneDashIsAnOperand() throws Exception {
        assertEquals(List.of("-"), Options.parse(List.of("-"), "l", "").operands());
    }

    @Test
    void valuesAttachedOrSeparate() throws Exception {
        assertEquals(Map.of('n', "5"), Options.parse(List.of("-n5"), "", "n").values());
        Options separate = Options.parse(List.of("-n", "5", "f"), "", "n");
        assertEquals(Map.of('n', "5"), separate.values());
        assertEquals(List.of("f"), separate.operands());
    }

    @Test
    void badOptionsSayWhatWasWrong() {
        assertEquals("invalid option -- 'z'", assertThrows(UsageException.class,
                () -> Options.parse(List.of("-lz"), "la", "")).getMessage());
        assertEquals("unrecognized option '--all'", assertThrows(UsageException.class,
                () -> Options.parse(List.of("--all"), "la", "")).getMessage());
        assertEquals("option requires an argument -- 'n'", assertThrows(UsageException.class,
                () -> Options.parse(List.of("-n"), "", "n")).getMessage());
    }

    @Test
    void numbersAreAsciiDigitsWithinBounds() throws Exception {
        assertEquals(7, BuiltinCommand.number("007", 0, 255, "bad"));
        assertEquals(255, BuiltinCommand.number("255", 0, 255, "bad"));
        for (String bad : List.of("", "-1", "+1", "256", "1e3", " 1", "1.0", "\u0663",
                "99999999999999999999999")) {
            assertThrows(UsageException.class, () -> BuiltinCommand.number(bad, 0, 255, "bad"),
                    bad);
        }
    }

    @Test
    void controlCharactersBecomeQuestionMarks() {
        assertEquals("a?b?c\u00e9", BuiltinCommand.printable("a\nb\u007fc\u00e9"));
        String clean = "plain";
        assertTrue(clean == BuiltinCommand.printable(clean), "no copy when nothing to change");
    }

    @Test
    void usageErrorIsStatusTwoWithProblemThenSynopsisOnStderr() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("jobs", "-z"));
        assertEquals(List.of("jobs: invalid option -- 'z'", "usage: jobs"), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void anOptionAShadowingBuiltinLacksGetsOneLineWithTheWayToTheProgram() throws Exception {
        FakeContext context = new FakeContext(home);
        context.programs = FakeContext.listed(Map.of("ls", Path.of("/usr/bin/ls")));
        assertEquals(2, context.run("ls", "--color=never", "-Z", "my dir"));
        assertEquals(List.of("ls: unrecognized option '--color=never'; the built-in ls has"
                + " -l -a -A -h -t -r -S -d -1 -R; for the OS program run:"
                + " command ls --color=never -Z 'my dir'"), context.err);
        assertEquals(List.of(), context.out);
        assertEquals(List.of(), context.programsRun, "the hint runs nothing");
    }

    @Test
    void withoutTheCommandBuiltinTheHintNamesTheProgramsPath() throws Exception {
        FakeContext context = new FakeContext(home);
        CommandRegistry noCommand = new CommandRegistry();
        context.registry.all().stream().filter(c -> !c.name().equals("command")).forEach(noCommand::register);
        context.registry = noCommand.freeze();
        context.programs = FakeContext.listed(Map.of("head", Path.of("/usr/bin/head")));
        assertEquals(2, context.run("head", "-q", "f"));
        assertEquals(List.of("head: invalid option -- 'q'; the built-in head has -n N -c N;"
                + " for the OS program run: /usr/bin/head -q f"), context.err);
    }

    @Test
    void whenTheRoleMayNotRunTheProgramTheHintSaysWhy() throws Exception {
        FakeContext context = new FakeContext(home);
        context.programs = FakeContext.listed(Map.of());
        assertEquals(2, context.run("hostname", "-f"));
        assertEquals(List.of("hostname: invalid option -- 'f'; the built-in hostname takes no options;"
                + " the OS program hostname is not available: role operator may not run hostname:"
                + " it is not on the role's list of programs"), context.err);
    }
}
