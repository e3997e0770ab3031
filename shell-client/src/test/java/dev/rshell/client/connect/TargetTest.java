package dev.rshell.client.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Host forms of {@code [USER@]HOST[:PORT]}. */
@Timeout(5)
class TargetTest {

    @Test
    void hostForms() {
        assertEquals(new Target(null, "lab-01", null), Target.parse("lab-01"));
        assertEquals(new Target(null, "lab-01", 22), Target.parse("lab-01:22"));
        assertEquals(new Target("alice", "lab-01", 22), Target.parse("alice@lab-01:22"));
        assertEquals(new Target(null, "::1", 7022), Target.parse("[::1]:7022"));
        assertEquals(new Target(null, "::1", null), Target.parse("[::1]"));
        assertEquals(new Target(null, "::1", null), Target.parse("::1"));
        assertEquals(new Target("bob", "fe80::1", 9), Target.parse("bob@[fe80::1]:9"));
        assertEquals(new Target(null, "10.0.0.1", 65535), Target.parse("10.0.0.1:65535"));
    }

    @Test
    void theUserIsEverythingBeforeTheLastAt() {
        // As ssh reads it: e-mail-like user names work.
        assertEquals(new Target("a@corp.example", "host", null), Target.parse("a@corp.example@host"));
    }

    @Test
    void badForms() {
        for (String bad : new String[] {"", "host:", "host:0", "host:65536", "host:+1", "[::1]x",
            "[::1", "@host", "user@", "ho st", "host:-1"}) {
            assertThrows(IllegalArgumentException.class, () -> Target.parse(bad), bad);
        }
    }

    @Test
    void authorityBracketsIpv6() {
        assertEquals("[::1]:7022", Target.authority("::1", 7022));
        assertEquals("lab-01:22", Target.authority("lab-01", 22));
    }
}
