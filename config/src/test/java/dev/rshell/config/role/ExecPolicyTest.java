package dev.rshell.config.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecPolicyTest {

    private static ExecPolicy parse(String text) {
        return ExecPolicy.parse(text).orElseThrow(() -> new AssertionError("refused: " + text));
    }

    @Test
    void offAllowsNothingAndAnyEverything() {
        assertEquals(ExecPolicy.OFF, parse("off"));
        assertEquals(ExecPolicy.OFF, parse(" OFF "));
        assertEquals(ExecPolicy.ANY, parse("Any"));
        for (String p : List.of("ls", "/bin/ls", "./x")) {
            assertFalse(ExecPolicy.OFF.allows(p), p);
            assertTrue(ExecPolicy.ANY.allows(p), p);
        }
    }

    @Test
    void allowSplitsNamesFromPaths() {
        ExecPolicy p = parse("allow: ps , /usr/local/bin/deploy,df");
        assertEquals(new ExecPolicy.Allow(Set.of("ps", "df"), Set.of(Path.of("/usr/local/bin/deploy"))), p);
        assertEquals("allow:df,ps,/usr/local/bin/deploy", p.text());
        assertEquals(p, parse(p.text()));
    }

    @Test
    void allowedNameMatchesOnlyTheBareName() {
        ExecPolicy p = parse("allow:ps");
        assertTrue(p.allows("ps"));
        assertFalse(p.allows("pss"));
        assertFalse(p.allows("PS"));
        // A path to the same name is not the name: where "ps" resolves is exec-path's business.
        assertFalse(p.allows("/bin/ps"));
        assertFalse(p.allows("./ps"));
        assertFalse(p.allows("bin/ps"));
    }

    @Test
    void allowedPathMatchesThatPathOnly() {
        ExecPolicy p = parse("allow:/opt/tools/../tools/check");
        assertTrue(p.allows("/opt/tools/check"));
        assertTrue(p.allows("/opt/./tools/check"));
        assertFalse(p.allows("check"));
        assertFalse(p.allows("/opt/tools/check2"));
        assertFalse(p.allows("opt/tools/check"));
        assertFalse(p.allows("/opt/tools/check\0"));
    }

    @Test
    void malformedValuesAreRefused() {
        for (String t : List.of("", "on", "allow", "allow:", "allow: ", "allow:ps,", "allow:,ps", "allow:bin/ps",
                "allow:./ps", "allow:..", "allow:.", "allow:my prog", "allow:ps\tx", "deny:ps", "any,ps")) {
            assertEquals(Optional.empty(), ExecPolicy.parse(t), t);
        }
    }

    @Test
    void allowNeedsAtLeastOneWellFormedProgram() {
        assertThrows(IllegalArgumentException.class, () -> new ExecPolicy.Allow(Set.of(), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new ExecPolicy.Allow(Set.of("a/b"), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ExecPolicy.Allow(Set.of(), Set.of(Path.of("/a/../b"))));
        assertThrows(IllegalArgumentException.class, () -> new ExecPolicy.Allow(Set.of(), Set.of(Path.of("b"))));
    }
}
