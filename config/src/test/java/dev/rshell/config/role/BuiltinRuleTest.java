package dev.rshell.config.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinRuleTest {

    private static BuiltinRule parse(String text) {
        return BuiltinRule.parse(text).orElseThrow(() -> new AssertionError("refused: " + text));
    }

    @Test
    void allAllowsEverything() {
        BuiltinRule all = parse("all");
        assertEquals(BuiltinRule.ALL, all);
        assertEquals(BuiltinRule.ALL, parse(" ALL "));
        assertTrue(all.allows("shutdown"));
        assertTrue(all.allows("anything-at-all"));
    }

    @Test
    void noneAllowsNothing() {
        BuiltinRule none = parse("none");
        assertEquals(new BuiltinRule.Only(Set.of()), none);
        assertFalse(none.allows("help"));
        assertEquals("none", none.text());
    }

    @Test
    void listAllowsExactlyItsNames() {
        BuiltinRule only = parse("ls, cat ,help");
        assertEquals(new BuiltinRule.Only(Set.of("ls", "cat", "help")), only);
        assertTrue(only.allows("ls"));
        assertTrue(only.allows("help"));
        assertFalse(only.allows("kick"));
        assertFalse(only.allows("LS"));
        assertFalse(only.allows("l"));
        assertEquals("cat,help,ls", only.text()); // sorted, so messages and help are stable
    }

    @Test
    void allExceptDeniesExactlyItsNames() {
        BuiltinRule rule = parse("All-Except: kick,shutdown");
        assertEquals(new BuiltinRule.AllExcept(Set.of("kick", "shutdown")), rule);
        assertFalse(rule.allows("kick"));
        assertFalse(rule.allows("shutdown"));
        assertTrue(rule.allows("ls"));
        assertTrue(rule.allows("kick-all"));
        assertEquals("all-except:kick,shutdown", rule.text());
    }

    @Test
    void textReadsBackToTheSameRule() {
        for (String t : List.of("all", "none", "echo", "a,b-c,d2", "all-except:x")) {
            BuiltinRule r = parse(t);
            assertEquals(r, parse(r.text()), t);
        }
    }

    @Test
    void malformedValuesAreRefused() {
        for (String t : List.of("", " ", "ls,", ",ls", "ls,,cat", "Ls", "2fa", "ls cat", "all-except:",
                "all-except:,x", "all-except:Kick", "l_s", "ls;cat", "all except:kick")) {
            assertEquals(Optional.empty(), BuiltinRule.parse(t), t);
        }
    }

    @Test
    void constructorsCheckTheirNames() {
        assertThrows(IllegalArgumentException.class, () -> new BuiltinRule.Only(Set.of("Bad")));
        assertThrows(IllegalArgumentException.class, () -> new BuiltinRule.AllExcept(Set.of()));
        assertThrows(UnsupportedOperationException.class,
                () -> ((BuiltinRule.Only) parse("ls")).names().add("rm"));
    }
}
