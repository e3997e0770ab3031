package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** env, export, unset. */
class VariableCommandsTest {

    @TempDir
    Path home;

    @Test
    void exportEnvUnsetRoundTrip() throws Exception {
        FakeContext context = new FakeContext(home);
        context.variables.put("USER", "alice");
        assertEquals(0, context.run("export", "B=x=y", "A=1", "EMPTY="));
        assertEquals(0, context.run("env"));
        assertEquals(List.of("A=1", "B=x=y", "EMPTY=", "USER=alice"), context.out);
        assertEquals(0, context.run("unset", "A", "EMPTY", "NEVER_SET"));
        assertEquals(Map.of("B", "x=y", "USER", "alice"), context.variables());
        assertEquals(List.of(), context.err);
    }

    @Test
    void exportWithoutArgumentsPrintsLikeEnv() throws Exception {
        FakeContext context = new FakeContext(home);
        context.variables.put("Z", "last");
        context.variables.put("A", "first");
        assertEquals(0, context.run("export"));
        assertEquals(List.of("A=first", "Z=last"), context.out);
    }

    @Test
    void exportReplacesAValue() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("export", "A=1"));
        assertEquals(0, context.run("export", "A=2"));
        assertEquals("2", context.variable("A"));
    }

    @Test
    void exportNameWithoutValueIsAUsageError() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("export", "NAME"));
        assertEquals(List.of("export: NAME: missing =VALUE",
                "usage: export [NAME=VALUE...]"), context.err);
        assertEquals(Map.of(), context.variables());
    }

    @Test
    void anInvalidNameSetsNothingAtAll() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("export", "A=1", "1B=2"));
        assertEquals(List.of("export: 1B: not a valid variable name",
                "usage: export [NAME=VALUE...]"), context.err);
        assertEquals(Map.of(), context.variables());
    }

    @Test
    void invalidNames() throws Exception {
        for (String bad : List.of("=x", "A-B=x", "A.B=x", "\u00e9=x", "A B=x")) {
            FakeContext context = new FakeContext(home);
            assertEquals(2, context.run("export", bad), bad);
            assertEquals(Map.of(), context.variables(), bad);
        }
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("export", "_a1=x", "Z_9=y"));
        assertEquals(Map.of("_a1", "x", "Z_9", "y"), context.variables());
    }

    @Test
    void exportOptionsAreUsageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("export", "-p"));
        assertEquals(List.of("export: invalid option -- 'p'", "usage: export [NAME=VALUE...]"),
                context.err);
    }

    @Test
    void unsetUsageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        context.variables.put("A", "1");
        assertEquals(2, context.run("unset"));
        assertEquals(2, context.run("unset", "A", "B-C"));
        assertEquals(List.of("unset: missing NAME", "usage: unset NAME...",
                "unset: B-C: not a valid variable name", "usage: unset NAME..."), context.err);
        assertEquals(Map.of("A", "1"), context.variables());
    }

    @Test
    void envTakesNoArguments() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("env", "A=1"));
        assertEquals(List.of("env: too many arguments", "usage: env"), context.err);
        assertEquals(Map.of(), context.variables());
    }

    @Test
    void envKeepsLinesWholeForAValueWithLineBreaks() throws Exception {
        FakeContext context = new FakeContext(home);
        context.variables.put("F", "() {\n echo\n}");
        assertEquals(0, context.run("env"));
        assertEquals(List.of("F=() {", " echo", "}"), context.out);
    }
}
