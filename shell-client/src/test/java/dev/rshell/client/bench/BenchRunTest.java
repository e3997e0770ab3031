package dev.rshell.client.bench;

import static dev.rshell.client.bench.MiniJson.at;
import static dev.rshell.client.bench.MiniJson.longAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real, short runs of {@code rshell bench} on loopback against a scripted server
 * ({@link TinyShellServer}) and the in-process baseline: every request counted once, errors by
 * kind, {@code --sessions} with and without {@code stats}, TLS, and nothing left running.
 */
class BenchRunTest {

    @TempDir
    Path home;

    private BenchHarness bench() {
        return new BenchHarness(home);
    }

    private static long histogramTotal(Object json, String run) {
        return ((List<?>) at(json, run, "histogram_us")).stream().mapToLong(r -> longAt(r, "count")).sum();
    }

    @Test
    @Timeout(60)
    void everyRequestIsSentAndCountedExactlyOnce() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "200", "--pipeline", "8", "--clients", "2",
                    "--warmup", "0", "--json", server.target());
            assertEquals(0, r.status(), r.err());
            assertEquals("", r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(200, longAt(j, "rshell", "commands"));
            assertEquals(200, histogramTotal(j, "rshell"));
            assertEquals(0, longAt(j, "rshell", "errors", "nonzero_status"));
            assertEquals(0, longAt(j, "rshell", "errors", "protocol"));
            assertEquals(0, longAt(j, "rshell", "errors", "disconnects"));
            assertEquals(0, longAt(j, "rshell", "errors", "unanswered"));
            assertEquals(Boolean.TRUE, at(j, "rshell", "exact_percentiles"));
            assertEquals(200, server.commands.get(), "the server ran each request once");
            assertEquals(2, server.connections.get());
            assertEquals(2, server.loggedIn.get());
            assertTrue(((BigDecimal) at(j, "rshell", "commands_per_s")).signum() > 0);
            assertTrue(((BigDecimal) at(j, "rshell", "latency_us", "max")).signum() > 0);
        }
    }

    @Test
    @Timeout(60)
    void warmupIsSentButNotMeasuredAndTheBaselineGetsTheSameLoad() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "200", "--pipeline", "8", "--clients", "2",
                    "--warmup", "30", "--baseline", "--json", server.target());
            assertEquals(0, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(230, server.commands.get());
            assertEquals(200, longAt(j, "rshell", "commands"));
            assertEquals(200, longAt(j, "baseline", "commands"));
            assertEquals(200, histogramTotal(j, "baseline"));
            assertEquals(0, longAt(j, "baseline", "errors", "unanswered"));
            assertTrue(((BigDecimal) at(j, "ratio", "commands_per_s")).signum() > 0);
            assertTrue(((BigDecimal) at(j, "ratio", "p50")).signum() > 0);
        }
    }

    @Test
    @Timeout(60)
    void textReportWithBaseline() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "300", "--pipeline", "4", "--warmup", "10",
                    "--baseline", server.target());
            assertEquals(0, r.status(), r.err());
            String out = r.out();
            assertTrue(out.startsWith("rshell bench: 127.0.0.1:" + server.port() + ", plain TCP, \"echo hi\", "
                    + "1 client, pipeline 4, 300 commands after 10 warm-up\n\n"), out);
            assertTrue(out.contains("\ncommands          300        300\n"), out);
            for (String row : new String[] {"commands/s", "p50 \u00b5s", "p90 \u00b5s", "p99 \u00b5s", "p99.9 \u00b5s",
                "max \u00b5s", "mean \u00b5s"}) {
                assertTrue(out.contains("\n" + row + " "), row + " in\n" + out);
            }
            assertTrue(out.contains("rshell/baseline"), out);
            assertTrue(out.contains("\nerrors (rshell): none\nerrors (baseline): none\n"), out);
            assertTrue(out.contains("\nlatency (rshell), \u00b5s:\n"), out);
            assertTrue(out.contains("\nlatency (baseline), \u00b5s:\n"), out);
            assertTrue(!out.contains("\r"), "no progress line when stdout is not a terminal");
        }
    }

    @Test
    @Timeout(60)
    void nonZeroStatusesAreCountedByStatusAndExitOne() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "50", "--pipeline", "5", "--warmup", "0",
                    "--command", "nosuch", "--json", server.target());
            assertEquals(1, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(50, longAt(j, "rshell", "commands"));
            assertEquals(50, longAt(j, "rshell", "errors", "nonzero_status"));
            assertEquals(Map.of("127", new BigDecimal(50)), at(j, "rshell", "errors", "statuses"));
            assertEquals(1, longAt(j, "status"));
        }
    }

    @Test
    @Timeout(60)
    void anEndForACommandThatAlreadyEndedIsAProtocolError() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            server.duplicateEndAt = 7;
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "100", "--pipeline", "1", "--warmup", "0",
                    server.target());
            assertEquals(255, r.status(), r.err());
            assertTrue(r.out().contains("errors (rshell): 1 protocol error"), r.out());
            assertTrue(r.out().contains("  first: client 1: protocol error: end for command 7, which is not in "
                    + "flight (never sent, or ended already)\n"), r.out());
            assertTrue(r.out().contains("\ncommands            7\n"), "counted up to the duplicate:\n" + r.out());
        }
    }

    @Test
    @Timeout(60)
    void aServerThatHangsUpMidRunIsADisconnectWithUnansweredCommands() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            server.dropAfter = 40;
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "100", "--pipeline", "4", "--warmup", "0",
                    "--json", server.target());
            assertEquals(255, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(1, longAt(j, "rshell", "errors", "disconnects"));
            long answered = longAt(j, "rshell", "commands");
            assertTrue(answered < 40, "answered " + answered);
            assertTrue(longAt(j, "rshell", "errors", "unanswered") >= 1);
            assertTrue(((String) at(j, "rshell", "errors", "first")).startsWith("client 1: connection "), r.out());
        }
    }

    @Test
    @Timeout(60)
    void aCommandThatNeverEndsIsATimeoutNotAHang() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            long t0 = System.nanoTime();
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "5", "--pipeline", "2", "--warmup", "0",
                    "--command", "hang", "--timeout", "0.3", "--json", server.target());
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            assertEquals(255, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(1, longAt(j, "rshell", "errors", "timeouts"));
            assertEquals(2, longAt(j, "rshell", "errors", "unanswered"));
            assertEquals(0, longAt(j, "rshell", "commands"));
            assertEquals("client 1: no end within --timeout 0.3s (2 in flight)", at(j, "rshell", "errors", "first"));
        }
    }

    @Test
    @Timeout(60)
    void sessionsReportTheServersStatsBeforeAndAfter() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            server.statsLines = List.of("uptime: 5 s", "resident memory: 100.0 MiB (104857600 bytes)", "threads: 12");
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "20", "--clients", "2", "--warmup", "0",
                    "--sessions", "3", "--json", server.target());
            assertEquals(0, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(3, longAt(j, "sessions", "count"));
            assertNull(at(j, "sessions", "unavailable"));
            assertEquals(104857600, longAt(j, "sessions", "before", "resident_memory_bytes"));
            assertEquals(12, longAt(j, "sessions", "after", "threads"));
            assertEquals(0, longAt(j, "sessions", "per_session_bytes"));
            assertEquals(1 + 3 + 2, server.loggedIn.get(), "control, idle and load sessions");
            assertEquals(20 + 3, server.commands.get(), "the load and three stats");
        }
    }

    @Test
    @Timeout(60)
    void anIdleSessionThatFailsToOpenIsTriedAgainAndCounted() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            server.statsLines = List.of("resident memory: 100.0 MiB (104857600 bytes)", "threads: 12");
            server.refuse = n -> n == 2 || n == 3; // 1 is the control session; the load opens last
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "10", "--warmup", "0",
                    "--sessions", "3", "--json", server.target());
            assertEquals(0, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(3, longAt(j, "sessions", "count"));
            assertEquals(2, longAt(j, "sessions", "retried"));
            assertEquals(1 + 3 + 1, server.loggedIn.get(), "control, idle and load sessions");
        }
    }

    @Test
    @Timeout(60)
    void anIdleSessionIsTriedThreeTimesThenTheRunFails() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            server.statsLines = List.of("resident memory: 100.0 MiB (104857600 bytes)", "threads: 12");
            server.refuse = n -> n > 1;
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "10", "--warmup", "0",
                    "--sessions", "3", server.target());
            assertEquals(255, r.status(), r.err());
            assertTrue(r.err().matches("rshell bench: idle session [123] of 3: 127\\.0\\.0\\.1:\\d+ refused the"
                    + " connection: busy \\(tried 3 times\\)\n"), r.err());
        }
    }

    @Test
    @Timeout(60)
    void sessionsWithoutAStatsCommandSayUnavailable() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--requests", "20", "--warmup", "0", "--sessions", "2",
                    server.target());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("server, 2 idle sessions (from stats):\n"
                    + "  resident memory and threads: unavailable (the server has no stats command)\n"), r.out());
            assertEquals(1 + 2 + 1, server.loggedIn.get());
        }
    }

    @Test
    @Timeout(60)
    void aTimedRun() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().run("--no-tls", "--duration", "0.3", "--pipeline", "4", "--warmup", "0",
                    "--json", server.target());
            assertEquals(0, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertNull(at(j, "requests"));
            assertEquals(new BigDecimal("0.3"), at(j, "duration_s"));
            long n = longAt(j, "rshell", "commands");
            assertTrue(n > 0);
            assertEquals(n, server.commands.get());
            assertEquals(n, histogramTotal(j, "rshell"));
        }
    }

    @Test
    @Timeout(60)
    void overTlsWithTheBaselineOverTlsToo() throws Exception {
        try (TinyShellServer server = new TinyShellServer(true)) {
            BenchHarness.Result r = bench().run("--fingerprint", server.fingerprint, "--requests", "200", "--pipeline",
                    "8", "--clients", "2", "--warmup", "20", "--baseline", "--json", server.target());
            assertEquals(0, r.status(), r.err());
            Object j = MiniJson.parse(r.out().strip());
            assertEquals(Boolean.TRUE, at(j, "tls"));
            assertEquals(200, longAt(j, "rshell", "commands"));
            assertEquals(200, longAt(j, "baseline", "commands"));
            assertEquals(220, server.commands.get());
        }
    }

    @Test
    @Timeout(60)
    void noServerIsStatus255WithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        BenchHarness.Result r = bench().run("--no-tls", "bench@127.0.0.1:" + port);
        assertEquals(255, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("rshell bench: can't connect to 127.0.0.1:" + port + ": "), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    @Timeout(60)
    void aWrongPasswordIsStatus255AndNothingStaysOpen() throws Exception {
        try (TinyShellServer server = new TinyShellServer()) {
            BenchHarness.Result r = bench().env("RSHELL_PASSWORD", "nope").run("--no-tls", "--clients", "3",
                    server.target());
            assertEquals(255, r.status());
            assertEquals("rshell bench: login failed for bench: wrong password\n", r.err());
            assertEquals(1, server.logins.get(), "the first login failed; no more were tried");
        }
    }
}
