package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswdCommandTest {

    private static final String OLD = "old-password";
    private static final String USAGE = "usage: passwd OLD NEW";

    @TempDir
    Path home;

    private FakeContext context;

    @BeforeEach
    void user() {
        context = new FakeContext(home);
        context.password = OLD;
    }

    /** Runs passwd and checks that no output line repeats either argument. */
    private int passwd(String... args) throws InterruptedException {
        int status = context.run("passwd", args);
        List<String> lines = new ArrayList<>(context.out);
        lines.addAll(context.err);
        for (String arg : args) {
            for (String line : lines) {
                assertFalse(line.contains(arg), "output repeats an argument: " + line);
            }
        }
        return status;
    }

    private void assertRefused(String message) {
        assertEquals(List.of("passwd: " + message), context.err);
        assertEquals(List.of(), context.out);
        assertEquals(OLD, context.password);
        assertEquals(0, context.passwordChanges);
    }

    @Test
    void changesThePasswordAndWipesTheCopies() throws Exception {
        assertEquals(0, passwd(OLD, "a-new-secret"));
        assertEquals(List.of("password changed"), context.out);
        assertEquals(List.of(), context.err);
        assertEquals("a-new-secret", context.password);
        assertEquals(1, context.passwordChanges);
        assertArrayEquals(new char[OLD.length()], context.lastOldPassword);
        assertArrayEquals(new char["a-new-secret".length()], context.lastNewPassword);
    }

    @Test
    void wrongOldPasswordIsRefusedAndWiped() throws Exception {
        assertEquals(1, passwd("not-the-old-one", "a-new-secret"));
        assertRefused("the old password is wrong");
        assertArrayEquals(new char["not-the-old-one".length()], context.lastOldPassword);
        assertArrayEquals(new char["a-new-secret".length()], context.lastNewPassword);
    }

    @Test
    void usageNeedsExactlyTwoArguments() throws Exception {
        assertEquals(2, passwd());
        assertEquals(2, passwd(OLD));
        assertEquals(2, passwd(OLD, "a-new-secret", "extra-word"));
        assertEquals(List.of("passwd: missing OLD and NEW", USAGE, "passwd: missing NEW", USAGE,
                "passwd: too many arguments", USAGE), context.err);
        assertEquals(0, context.passwordChanges);
    }

    @Test
    void argumentsThatLookLikeOptionsArePasswords() throws Exception {
        context.password = "-old-password";
        assertEquals(0, passwd("-old-password", "--new-secret"));
        assertEquals("--new-secret", context.password);
    }

    @Test
    void shortNewPasswordIsRefusedBeforeTheServerIsAsked() throws Exception {
        assertEquals(1, passwd(OLD, "1234567"));
        assertRefused("the new password must have at least 8 characters (password-min-length)");
        assertNull(context.lastOldPassword, "no Argon2 work for a password that can't be used");
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() throws Exception {
        String sevenEmoji = "\uD83D\uDE00".repeat(7);
        assertEquals(1, passwd(OLD, sevenEmoji));
        assertRefused("the new password must have at least 8 characters (password-min-length)");
        context.err.clear();
        assertEquals(0, passwd(OLD, "\uD83D\uDE00".repeat(8)));
    }

    @Test
    void newPasswordEqualToTheOldIsRefused() throws Exception {
        assertEquals(1, passwd(OLD, OLD));
        assertRefused("the new password must differ from the old one");
    }

    @Test
    void controlCharactersAreRefused() throws Exception {
        for (String bad : List.of("tab\there-long", "nul\u0000here-long", "del\u007fhere-long",
                "c1\u0085here-long")) {
            context.err.clear();
            assertEquals(1, passwd(OLD, bad), bad);
            assertRefused("the new password must not contain control characters");
        }
    }

    @Test
    void mayBlockBecauseItHashes() {
        assertTrue(context.registry.find("passwd").orElseThrow().mayBlock());
        assertEquals("change your own password",
                context.registry.find("passwd").orElseThrow().description());
    }
}
