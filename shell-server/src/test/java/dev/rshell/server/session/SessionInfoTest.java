package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What other users see of a session's command through {@code who}. */
class SessionInfoTest {

    @Test
    void passwdIsShownWithoutItsArguments() {
        assertEquals("passwd", Session.withoutSecrets("passwd 'old secret' 'new secret'"));
        assertEquals("passwd", Session.withoutSecrets("  passwd\told new"));
        assertEquals("passwd", Session.withoutSecrets("passwd"));
        assertEquals("passwdx a", Session.withoutSecrets("passwdx a"));
        assertEquals("sleep 30", Session.withoutSecrets("sleep 30"));
    }
}
