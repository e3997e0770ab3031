package dev.rshell.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The exact line of each event kind. */
class AuditFormatTest {

    static final Instant AT = Instant.parse("2024-05-01T12:00:00.250Z");
    static final String TS = "{\"ts\":\"2024-05-01T12:00:00.250Z\",";

    /** One sample of every event kind, with its expected line. */
    static final Map<AuditEvent, String> SAMPLES = Map.ofEntries(
            Map.entry(new AuditEvent.Connected(AT, 7, "10.0.0.5"),
                    TS + "\"event\":\"connect\",\"session\":7,\"address\":\"10.0.0.5\"}"),
            Map.entry(new AuditEvent.Login(AT, 7, "10.0.0.5", "ann", true, ""),
                    TS + "\"event\":\"login\",\"session\":7,\"address\":\"10.0.0.5\",\"user\":\"ann\","
                            + "\"ok\":true,\"reason\":null}"),
            Map.entry(new AuditEvent.Login(AT, 8, "10.0.0.6", "bob", false, "wrong user or password"),
                    TS + "\"event\":\"login\",\"session\":8,\"address\":\"10.0.0.6\",\"user\":\"bob\","
                            + "\"ok\":false,\"reason\":\"wrong user or password\"}"),
            Map.entry(new AuditEvent.CommandRun(AT, 7, "ann", "10.0.0.5", "/home/ann", List.of("ls", "-l"),
                            Instant.parse("2024-05-01T12:00:00.248Z"), 1830, 0, 412),
                    TS + "\"event\":\"command\",\"session\":7,\"user\":\"ann\",\"address\":\"10.0.0.5\","
                            + "\"cwd\":\"/home/ann\",\"argv\":[\"ls\",\"-l\"],"
                            + "\"start\":\"2024-05-01T12:00:00.248Z\",\"duration_us\":1830,\"status\":0,"
                            + "\"bytes_out\":412}"),
            Map.entry(new AuditEvent.Denied(AT, 9, "val", "10.0.0.7", List.of("rm", "-rf", "/"),
                            "role viewer may not run OS commands"),
                    TS + "\"event\":\"denied\",\"session\":9,\"user\":\"val\",\"address\":\"10.0.0.7\","
                            + "\"argv\":[\"rm\",\"-rf\",\"/\"],\"reason\":\"role viewer may not run OS commands\"}"),
            Map.entry(new AuditEvent.Kicked(AT, 9, "val", "10.0.0.7", "root", "maintenance"),
                    TS + "\"event\":\"kick\",\"session\":9,\"user\":\"val\",\"address\":\"10.0.0.7\","
                            + "\"by\":\"root\",\"reason\":\"maintenance\"}"),
            Map.entry(new AuditEvent.Disconnected(AT, 10, null, "10.0.0.8", "login timeout"),
                    TS + "\"event\":\"disconnect\",\"session\":10,\"user\":null,\"address\":\"10.0.0.8\","
                            + "\"reason\":\"login timeout\"}"),
            Map.entry(new AuditEvent.Refused(AT, "10.0.0.9", "busy"),
                    TS + "\"event\":\"refused\",\"address\":\"10.0.0.9\",\"reason\":\"busy\"}"),
            Map.entry(new AuditEvent.LoginBlocked(AT, "10.0.0.2", 10, Instant.parse("2024-05-01T12:05:00Z")),
                    TS + "\"event\":\"login_blocked\",\"address\":\"10.0.0.2\",\"failures\":10,"
                            + "\"until\":\"2024-05-01T12:05:00.000Z\"}"),
            Map.entry(new AuditEvent.Suppressed(AT, Instant.parse("2024-05-01T11:59:00Z"), 5000, 720000, 2,
                            List.of("10.0.0.3 4990", "10.0.0.4 10")),
                    TS + "\"event\":\"suppressed\",\"since\":\"2024-05-01T11:59:00.000Z\",\"events\":5000,"
                            + "\"bytes\":720000,\"addresses\":2,\"top\":[\"10.0.0.3 4990\",\"10.0.0.4 10\"]}"),
            Map.entry(new AuditEvent.Server(AT, "start", "rshell-server 0.1.0 on 127.0.0.1:7022"),
                    TS + "\"event\":\"server\",\"what\":\"start\",\"detail\":\"rshell-server 0.1.0 on 127.0.0.1:7022\"}"));

    @Test
    void eachEventHasItsExactLine() {
        SAMPLES.forEach((event, expected) -> {
            assertEquals(expected, AuditFormat.text(event));
            assertEquals(expected + "\n", new String(AuditFormat.line(event), StandardCharsets.UTF_8));
            Map<String, Object> parsed = Json.object(expected);
            assertEquals(List.of("ts", "event"), List.copyOf(parsed.keySet()).subList(0, 2));
        });
    }

    @Test
    void everyKindOfEventHasASample() {
        Set<String> kinds = Arrays.stream(AuditEvent.class.getPermittedSubclasses())
                .map(Class::getSimpleName).collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> sampled = SAMPLES.keySet().stream().map(e -> e.getClass().getSimpleName())
                .collect(Collectors.toSet());
        assertEquals(kinds, sampled, "add a sample (and a format) for each new event");
    }

    @Test
    void hostileArgvStaysOneValidLine() {
        List<String> argv = List.of("echo", "\"}\n{\"event\":\"login\",\"ok\":true}", "back\\slash",
                "tab\there", "nul\0", "bell\u0007", "esc\u001b[31m", "line\u2028sep", "ünï\uD83D\uDE00");
        AuditEvent event = new AuditEvent.CommandRun(AT, 1, "ann", "::1", "/tmp/dir \"x\"", argv,
                AT, 5, 0, 0);
        String line = new String(AuditFormat.line(event), StandardCharsets.UTF_8);
        assertEquals(1, line.split("\n", -1).length - 1, "exactly one line end, at the end");
        assertTrue(line.endsWith("}\n"));
        Map<String, Object> parsed = Json.object(line.strip());
        assertEquals(argv, parsed.get("argv"));
        assertEquals("/tmp/dir \"x\"", parsed.get("cwd"));
        assertEquals("command", parsed.get("event"));
        assertTrue(line.contains("\"argv\":[\"echo\",\"\\\"}\\n{\\\"event\\\":\\\"login\\\","), line);
        assertTrue(line.contains("\"nul\\u0000\",\"bell\\u0007\",\"esc\\u001b[31m\",\"line\\u2028sep\""), line);
    }

    @Test
    void nullFieldsAreJsonNull() {
        AuditEvent event = new AuditEvent.Kicked(AT, 3, null, "::1", null, null);
        assertEquals(TS + "\"event\":\"kick\",\"session\":3,\"user\":null,\"address\":\"::1\","
                + "\"by\":null,\"reason\":null}", AuditFormat.text(event));
    }
}
