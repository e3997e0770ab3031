package dev.rshell.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RedactionTest {

    private static final Instant AT = Instant.parse("2024-05-01T12:00:00Z");

    @Test
    void passwdKeepsOnlyItsName() {
        assertEquals(List.of("passwd"), Redaction.argv(List.of("passwd", "old-secret", "new-secret")));
        assertEquals(List.of("passwd"), Redaction.argv(List.of("passwd", "only-one")));
        assertEquals(List.of("/usr/bin/passwd"), Redaction.argv(List.of("/usr/bin/passwd", "ann")));
    }

    @Test
    void everythingElseIsUnchanged() {
        List<String> alone = List.of("passwd");
        assertSame(alone, Redaction.argv(alone));
        List<String> echo = List.of("echo", "passwd", "secret");
        assertSame(echo, Redaction.argv(echo), "only argv[0] counts");
        assertEquals(List.of("passwdx", "a"), Redaction.argv(List.of("passwdx", "a")));
        assertEquals(List.of("Passwd", "a"), Redaction.argv(List.of("Passwd", "a")), "names are case-sensitive");
        assertEquals(List.of(), Redaction.argv(List.of()));
    }

    @Test
    void commandEventsAreRedactedWhenMade() {
        AuditEvent.CommandRun run = new AuditEvent.CommandRun(AT, 1, "ann", "::1", "/", List.of("passwd", "a", "b"),
                AT, 10, 0, 0);
        assertEquals(List.of("passwd"), run.argv());
        AuditEvent.Denied denied = new AuditEvent.Denied(AT, 1, "ann", "::1", List.of("passwd", "a", "b"), "no");
        assertEquals(List.of("passwd"), denied.argv());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void noPasswordReachesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("audit.log");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (AuditLog log = new AuditLog(file, AuditLogSettings.DEFAULTS, new PrintStream(err, true))) {
            log.record(new AuditEvent.Login(AT, 1, "::1", "ann", true, ""));
            log.record(new AuditEvent.CommandRun(AT, 1, "ann", "::1", "/", List.of("passwd", "Old-S3cret", "New-S3cret"),
                    AT, 10, 0, 0));
            log.record(new AuditEvent.Denied(AT, 1, "ann", "::1", List.of("passwd", "Old-S3cret", "New-S3cret"), "x"));
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertFalse(text.contains("S3cret"), text);
        assertTrue(text.contains("\"argv\":[\"passwd\"]"), text);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }
}
