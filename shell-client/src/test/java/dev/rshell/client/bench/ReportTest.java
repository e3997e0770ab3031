package dev.rshell.client.bench;

import static dev.rshell.client.bench.MiniJson.at;
import static dev.rshell.client.bench.MiniJson.longAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON object's shape and values, and the text report's table, from hand-made results. */
class ReportTest {

    private static final LoadSettings LOAD = new LoadSettings(2, 5, null, 8, "echo \"hi\"\tthere", 100,
            Duration.ofSeconds(30), 1000);

    private static LoadResult run(String label, long[] sortedNanos, long elapsed, ErrorCounts errors) {
        long sum = 0;
        for (long v : sortedNanos) {
            sum += v;
        }
        return new LoadResult(label, sortedNanos.length, elapsed,
                LatencySummary.fromSorted(sortedNanos, sum / sortedNanos.length), errors);
    }

    private static final long[] RSHELL = {20_000, 21_000, 22_500, 40_000, 1_234_567};
    private static final long[] BASELINE = {10_000, 10_000, 11_000, 12_000, 100_000};

    @Test
    void jsonWithoutBaselineOrSessions() {
        BenchResult r = new BenchResult("127.0.0.1:7022", false, LOAD, run("rshell", RSHELL, 500_000_000,
                ErrorCounts.none()), null, null);
        String text = JsonReport.render(r);
        assertFalse(text.contains("\n"), "one line");
        Object j = MiniJson.parse(text);
        assertEquals(List.of("target", "tls", "command", "clients", "pipeline", "requests", "duration_s", "warmup",
                "status", "rshell", "baseline", "ratio", "sessions"), List.copyOf(((Map<?, ?>) j).keySet()));
        assertEquals("127.0.0.1:7022", at(j, "target"));
        assertEquals(Boolean.FALSE, at(j, "tls"));
        assertEquals("echo \"hi\"\tthere", at(j, "command"), "escaped and read back");
        assertEquals(2, longAt(j, "clients"));
        assertEquals(8, longAt(j, "pipeline"));
        assertEquals(5, longAt(j, "requests"));
        assertNull(at(j, "duration_s"));
        assertEquals(100, longAt(j, "warmup"));
        assertEquals(0, longAt(j, "status"));
        assertNull(at(j, "baseline"));
        assertNull(at(j, "ratio"));
        assertNull(at(j, "sessions"));

        assertEquals(5, longAt(j, "rshell", "commands"));
        assertEquals(new BigDecimal("0.5"), at(j, "rshell", "elapsed_s"));
        assertEquals(new BigDecimal("10.0"), at(j, "rshell", "commands_per_s"));
        assertEquals(List.of("min", "mean", "p50", "p90", "p99", "p99_9", "max"),
                List.copyOf(((Map<?, ?>) at(j, "rshell", "latency_us")).keySet()));
        assertEquals(new BigDecimal("20"), at(j, "rshell", "latency_us", "min"));
        assertEquals(new BigDecimal("22.5"), at(j, "rshell", "latency_us", "p50"));
        assertEquals(new BigDecimal("1234.567"), at(j, "rshell", "latency_us", "p90"));
        assertEquals(new BigDecimal("1234.567"), at(j, "rshell", "latency_us", "max"));
        assertEquals(Boolean.TRUE, at(j, "rshell", "exact_percentiles"));
        List<?> hist = (List<?>) at(j, "rshell", "histogram_us");
        assertEquals(Map.of("from", new BigDecimal("20"), "to", new BigDecimal("50"), "count", new BigDecimal("4")),
                hist.get(0));
        long total = hist.stream().mapToLong(row -> longAt(row, "count")).sum();
        assertEquals(5, total);
        assertEquals(0, longAt(j, "rshell", "errors", "nonzero_status"));
        assertEquals(Map.of(), at(j, "rshell", "errors", "statuses"));
        assertNull(at(j, "rshell", "errors", "first"));
    }

    @Test
    void jsonWithBaselineErrorsAndSessions() {
        ErrorCounts errors = new ErrorCounts(3, Map.of(127, 2L, 1, 1L), 0, 1, 0, 4, "client 2: connection closed");
        SessionFigures sessions = new SessionFigures(10, 0, 0, new ServerStats.Reading.Available(100 << 20, 20),
                new ServerStats.Reading.Available((100 << 20) + 10 * 90_000, 30),
                new ServerStats.Reading.Available((100 << 20) + 10 * 95_000, 31));
        LoadSettings timed = new LoadSettings(1, 0, Duration.ofMillis(2500), 1, "echo hi", 0, Duration.ofSeconds(30),
                1000);
        BenchResult r = new BenchResult("[::1]:7022", true, timed, run("rshell", RSHELL, 500_000_000, errors),
                run("baseline", BASELINE, 250_000_000, ErrorCounts.none()), sessions);
        Object j = MiniJson.parse(JsonReport.render(r));
        assertNull(at(j, "requests"));
        assertEquals(new BigDecimal("2.5"), at(j, "duration_s"));
        assertEquals(255, longAt(j, "status"), "a disconnect makes it 255");
        assertEquals(Map.of("1", new BigDecimal("1"), "127", new BigDecimal("2")), at(j, "rshell", "errors", "statuses"));
        assertEquals(List.of("1", "127"), List.copyOf(((Map<?, ?>) at(j, "rshell", "errors", "statuses")).keySet()));
        assertEquals(1, longAt(j, "rshell", "errors", "disconnects"));
        assertEquals(4, longAt(j, "rshell", "errors", "unanswered"));
        assertEquals("client 2: connection closed", at(j, "rshell", "errors", "first"));
        assertEquals(5, longAt(j, "baseline", "commands"));
        assertEquals(new BigDecimal("0.500"), at(j, "ratio", "commands_per_s"));
        assertEquals(new BigDecimal("2.045"), at(j, "ratio", "p50"));
        assertEquals(List.of("commands_per_s", "mean", "p50", "p90", "p99", "p99_9", "max"),
                List.copyOf(((Map<?, ?>) at(j, "ratio")).keySet()));
        assertEquals(10, longAt(j, "sessions", "count"));
        assertNull(at(j, "sessions", "unavailable"));
        assertEquals(100L << 20, longAt(j, "sessions", "before", "resident_memory_bytes"));
        assertEquals(30, longAt(j, "sessions", "open", "threads"));
        assertEquals(90_000, longAt(j, "sessions", "per_session_bytes"));
        assertEquals(new BigDecimal("1.000"), at(j, "sessions", "per_session_threads"));
    }

    @Test
    void jsonWhenStatsIsUnavailable() {
        ServerStats.Reading no = new ServerStats.Reading.Unavailable("the server has no stats command");
        BenchResult r = new BenchResult("h:1", false, LOAD, run("rshell", RSHELL, 1, ErrorCounts.none()), null,
                new SessionFigures(5, 0, 3, no, no, no));
        Object j = MiniJson.parse(JsonReport.render(r));
        assertEquals("the server has no stats command", at(j, "sessions", "unavailable"));
        assertEquals(3, longAt(j, "sessions", "retried"));
        assertNull(at(j, "sessions", "before"));
        assertNull(at(j, "sessions", "per_session_bytes"));
    }

    @Test
    void jsonWriterEscapesControlCharacters() {
        String s = new JsonWriter().beginArray().value("a\u0001b\\c\"").value(1).nullValue().endArray().toString();
        assertEquals("[\"a\\u0001b\\\\c\\\"\",1,null]", s);
        assertEquals(List.of("a\u0001b\\c\"", new BigDecimal(1)), ((List<?>) MiniJson.parse(s)).subList(0, 2));
    }

    @Test
    void textTableWithRatios() {
        BenchResult r = new BenchResult("127.0.0.1:7022", false, LOAD, run("rshell", RSHELL, 500_000_000,
                ErrorCounts.none()), run("baseline", BASELINE, 250_000_000, ErrorCounts.none()), null);
        String text = TextReport.render(r);
        assertTrue(text.startsWith("rshell bench: 127.0.0.1:7022, plain TCP, \"echo \\\"hi\\\"\\tthere\", "
                + "2 clients, pipeline 8, 5 commands after 100 warm-up\n\n"
                + "               rshell   baseline  rshell/baseline\n"
                + "commands            5          5\n"
                + "seconds         0.500      0.250\n"
                + "commands/s         10         20             0.50\n"
                + "p50 \u00b5s           22.5       11.0             2.05\n"
                + "p90 \u00b5s         1234.6      100.0            12.35\n"
                + "p99 \u00b5s         1234.6      100.0            12.35\n"
                + "p99.9 \u00b5s       1234.6      100.0            12.35\n"
                + "max \u00b5s         1234.6      100.0            12.35\n"
                + "mean \u00b5s         267.6       28.6             9.36\n"
                + "errors              0          0\n\n"), text);
        assertTrue(text.contains("\nerrors (rshell): none\nerrors (baseline): none\n"), text);
        assertTrue(text.contains("\nlatency (rshell), \u00b5s:\n"), text);
        assertTrue(text.contains("\nlatency (baseline), \u00b5s:\n"), text);
    }

    @Test
    void textSessionsAndErrors() {
        ErrorCounts errors = new ErrorCounts(3, Map.of(127, 3L), 1, 0, 0, 2, "client 1: protocol error: x");
        SessionFigures sessions = new SessionFigures(10, 1, 2, new ServerStats.Reading.Available(100L << 20, 20),
                new ServerStats.Reading.Available((100L << 20) + 10 * 92_160, 30),
                new ServerStats.Reading.Available(101L << 20, 30));
        BenchResult r = new BenchResult("h:1", true, LOAD, run("rshell", RSHELL, 1, errors), null, sessions);
        String text = TextReport.render(r);
        assertTrue(text.contains("errors (rshell): 3 non-zero status (status 127: 3); 1 protocol error; "
                + "2 commands unanswered\n  first: client 1: protocol error: x\n"), text);
        assertTrue(text.contains("server, 10 idle sessions (from stats):\n"
                + "                      before  sessions open  after the run\n"
                + "  resident memory  100.0 MiB      100.9 MiB      101.0 MiB\n"
                + "  threads                 20             30             30\n"
                + "  per idle session: 90.0 KiB resident memory, 1.00 threads\n"
                + "  1 idle session was closed by the server during the run\n"
                + "  2 idle session opens failed and were tried again\n"), text);
    }
}
