package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rshell.server.command.ServerControl.Stats;
import dev.rshell.server.command.builtin.FakeContext.RecordingControl.Kick;
import dev.rshell.server.command.builtin.FakeContext.RecordingControl.Shutdown;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** who, wall, kick, shutdown and stats over a recording fake of the server. */
@Timeout(10)
class ServerCommandsTest {

    @TempDir
    Path home;

    private static final Clock UTC = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    private FakeContext twoSessions() {
        FakeContext context = new FakeContext(home);
        context.control
                .session(1, "alice", "127.0.0.1:50312", Instant.parse("2026-03-01T09:15:42Z"),
                        Duration.ZERO, "who")
                .session(12, null, "[::1]:41000", Instant.parse("2026-02-28T23:59:59Z"),
                        Duration.ofSeconds(192), null)
                .session(13, "bob", "10.0.0.7:4", Instant.parse("2026-03-01T10:00:00Z"),
                        Duration.ofSeconds(3723), "tail -f log\u001b[2J");
        return context;
    }

    @Test
    void whoListsSessionsInAlignedColumns() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(0, context.run(new WhoCommand(UTC)));
        assertEquals(List.of(
                "ID  USER   ADDRESS          SINCE             IDLE   COMMAND",
                "1   alice  127.0.0.1:50312  2026-03-01 09:15  0s     who",
                "12  -      [::1]:41000      2026-02-28 23:59  3m     -",
                "13  bob    10.0.0.7:4       2026-03-01 10:00  1h02m  tail -f log?[2J"), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void whoShowsSinceInTheClocksZone() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(0, context.run(new WhoCommand(UTC.withZone(ZoneId.of("Europe/Berlin")))));
        assertEquals("1   alice  127.0.0.1:50312  2026-03-01 10:15  0s     who", context.out.get(1));
    }

    @Test
    void whoWithoutSessionsIsTheHeaderAlone() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new WhoCommand(UTC)));
        assertEquals(List.of("ID  USER  ADDRESS  SINCE  IDLE  COMMAND"), context.out);
        assertEquals(2, context.run("who", "x"));
        assertEquals(List.of("who: too many arguments", "usage: who"), context.err);
    }

    @Test
    void wallBroadcastsFromTheUserAndPrintsNothing() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(0, context.run("wall", "server", "restarts", "at", "noon\n!"));
        assertEquals(List.of("from alice: server restarts at noon?!"), context.control.broadcasts);
        assertEquals(List.of(), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void wallNeedsAMessage() throws Exception {
        for (String[] args : new String[][] {{}, {""}, {" ", ""}}) {
            FakeContext context = new FakeContext(home);
            assertEquals(2, context.run("wall", args));
            assertEquals(List.of("wall: missing MESSAGE", "usage: wall MESSAGE..."), context.err);
            assertEquals(List.of(), context.control.broadcasts);
        }
    }

    @Test
    void kickEndsASessionWithAReason() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(0, context.run("kick", "13"));
        assertEquals(0, context.run("kick", "12", "idle", "too", "long"));
        assertEquals(0, context.run("kick", "1", "own", "session"));
        assertEquals(List.of(new Kick(13, "kicked by alice", "alice"),
                new Kick(12, "idle too long", "alice"), new Kick(1, "own session", "alice")),
                context.control.kicks);
        assertEquals(List.of(), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void kickOfAMissingSessionIsStatusOne() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(1, context.run("kick", "99"));
        assertEquals(List.of("kick: 99: no such session"), context.err);
    }

    @Test
    void kickUsageErrors() throws Exception {
        FakeContext context = twoSessions();
        assertEquals(2, context.run("kick"));
        assertEquals(2, context.run("kick", "bob"));
        assertEquals(List.of("kick: missing SESSION", "usage: kick SESSION [REASON...]",
                "kick: SESSION must be a session number, as who shows it",
                "usage: kick SESSION [REASON...]"), context.err);
        assertEquals(List.of(), context.control.kicks);
    }

    @Test
    void shutdownDefaultsToTenSeconds() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("shutdown"));
        assertEquals(0, context.run("shutdown", "0"));
        assertEquals(0, context.run("shutdown", "86400"));
        assertEquals(List.of(new Shutdown(Duration.ofSeconds(10), "alice"),
                new Shutdown(Duration.ZERO, "alice"), new Shutdown(Duration.ofDays(1), "alice")),
                context.control.shutdowns);
        assertEquals(List.of("server shutting down in 10 s", "server shutting down in 0 s",
                "server shutting down in 86400 s"), context.out);
    }

    @Test
    void shutdownUsageErrors() throws Exception {
        for (String[] args : new String[][] {{"86401"}, {"-1"}, {"soon"}, {"1", "2"}}) {
            FakeContext context = new FakeContext(home);
            assertEquals(2, context.run("shutdown", args), String.join(" ", args));
            assertEquals("usage: shutdown [SECONDS]", context.err.get(1));
            assertEquals(List.of(), context.control.shutdowns);
            assertEquals(List.of(), context.out);
        }
        FakeContext context = new FakeContext(home);
        context.run("shutdown", "86401");
        assertEquals("shutdown: SECONDS must be a number from 0 to 86400", context.err.get(0));
    }

    @Test
    void statsShowsEveryFigure() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("stats"));
        assertEquals(List.of(
                "uptime: 01:02:03",
                "sessions: 2 now, 5 peak",
                "commands run: 40",
                "commands failed: 3",
                "bytes in: 2.0 KiB",
                "bytes out: 3.0 MiB",
                "threads: 17",
                "heap: 12.0 MiB used / 1.0 GiB max",
                "resident memory: 80.0 MiB",
                "open file descriptors: 42"), context.out);
    }

    @Test
    void statsSaysUnavailableForWhatTheHostCantGive() throws Exception {
        FakeContext context = new FakeContext(home);
        context.control.stats = new Stats(Duration.ofDays(2).plusSeconds(5), 0, 0, 0, 0, 100, 0, 1,
                1000, -1, Optional.empty(), Optional.empty());
        assertEquals(0, context.run("stats"));
        assertEquals(List.of(
                "uptime: 2 days, 00:00:05",
                "sessions: 0 now, 0 peak",
                "commands run: 0",
                "commands failed: 0",
                "bytes in: 100 B",
                "bytes out: 0 B",
                "threads: 1",
                "heap: 1000 B used / no max",
                "resident memory: unavailable",
                "open file descriptors: unavailable"), context.out);
        assertEquals(2, context.run("stats", "now"));
    }
}
