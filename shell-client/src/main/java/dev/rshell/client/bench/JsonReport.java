package dev.rshell.client.bench;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The report for scripts ({@code --json}): one JSON object on one line. Latencies are
 * microseconds, exact to the nanosecond ({@code 15.234}); rates are per second; a figure that
 * does not apply is {@code null}.
 *
 * <pre>
 * {"target":"127.0.0.1:7022","tls":true,"command":"echo hi","clients":1,"pipeline":1,
 *  "requests":10000,"duration_s":null,"warmup":1000,"status":0,
 *  "rshell":RUN,"baseline":RUN|null,"ratio":RATIO|null,"sessions":SESSIONS|null}
 * RUN:      {"commands":10000,"elapsed_s":0.42,"commands_per_s":23809.5,
 *            "latency_us":{"min":..,"mean":..,"p50":..,"p90":..,"p99":..,"p99_9":..,"max":..},
 *            "exact_percentiles":true,"histogram_us":[{"from":10,"to":20,"count":9}, ...],
 *            "errors":{"nonzero_status":0,"statuses":{"127":3},"protocol":0,"disconnects":0,
 *                      "timeouts":0,"unanswered":0,"first":null}}
 * RATIO:    rshell/baseline of commands_per_s, mean, p50, p90, p99, p99_9, max
 * SESSIONS: {"count":100,"lost":0,"retried":0,"unavailable":null|"why",
 *            "before":{"resident_memory_bytes":..,"threads":..}|null,"open":..,"after":..,
 *            "per_session_bytes":..,"per_session_threads":..}
 * </pre>
 *
 * <p>Thread safety: stateless.
 */
final class JsonReport {

    private JsonReport() {
    }

    static String render(BenchResult r) {
        LoadSettings s = r.settings();
        JsonWriter j = new JsonWriter().beginObject();
        j.name("target").value(r.target());
        j.name("tls").value(r.tls());
        j.name("command").value(s.command());
        j.name("clients").value(s.clients());
        j.name("pipeline").value(s.pipeline());
        if (s.duration() == null) {
            j.name("requests").value(s.requests());
            j.name("duration_s").nullValue();
        } else {
            j.name("requests").nullValue();
            j.name("duration_s").value(plain(BigDecimal.valueOf(s.duration().toMillis(), 3)));
        }
        j.name("warmup").value(s.warmup());
        j.name("status").value(r.exitStatus());
        j.name("rshell");
        run(j, r.rshell());
        j.name("baseline");
        if (r.baseline() == null) {
            j.nullValue();
            j.name("ratio").nullValue();
        } else {
            run(j, r.baseline());
            j.name("ratio");
            ratio(j, r.rshell(), r.baseline());
        }
        j.name("sessions");
        sessions(j, r.sessions());
        return j.endObject().toString();
    }

    private static void run(JsonWriter j, LoadResult r) {
        j.beginObject();
        j.name("commands").value(r.commands());
        j.name("elapsed_s").value(plain(BigDecimal.valueOf(r.elapsed(), 9)));
        j.name("commands_per_s").value(r.commandsPerSecond(), 1);
        LatencySummary l = r.latency();
        j.name("latency_us").beginObject();
        j.name("min").value(micros(l.min()));
        j.name("mean").value(micros(l.mean()));
        long[] p = l.percentiles();
        for (int i = 0; i < Percentiles.REPORTED.length; i++) {
            j.name(key(Percentiles.REPORTED[i])).value(micros(p[i]));
        }
        j.name("max").value(micros(l.max()));
        j.endObject();
        j.name("exact_percentiles").value(l.exact());
        j.name("histogram_us").beginArray();
        for (LatencyRows.Row row : l.rows()) {
            j.beginObject().name("from").value(micros(row.from())).name("to").value(micros(row.to()))
                    .name("count").value(row.count()).endObject();
        }
        j.endArray();
        ErrorCounts e = r.errors();
        j.name("errors").beginObject();
        j.name("nonzero_status").value(e.nonZeroStatus());
        j.name("statuses").beginObject();
        for (Map.Entry<Integer, Long> st : e.sortedStatuses().entrySet()) {
            j.name(String.valueOf(st.getKey())).value(st.getValue());
        }
        j.endObject();
        j.name("protocol").value(e.protocolErrors());
        j.name("disconnects").value(e.disconnects());
        j.name("timeouts").value(e.timeouts());
        j.name("unanswered").value(e.unanswered());
        j.name("first").value(e.firstProblem());
        j.endObject();
        j.endObject();
    }

    private static void ratio(JsonWriter j, LoadResult rs, LoadResult bl) {
        j.beginObject();
        j.name("commands_per_s").value(ratio(rs.commandsPerSecond(), bl.commandsPerSecond()), 3);
        j.name("mean").value(ratio(rs.latency().mean(), bl.latency().mean()), 3);
        long[] rp = rs.latency().percentiles();
        long[] bp = bl.latency().percentiles();
        for (int i = 0; i < Percentiles.REPORTED.length; i++) {
            j.name(key(Percentiles.REPORTED[i])).value(ratio(rp[i], bp[i]), 3);
        }
        j.name("max").value(ratio(rs.latency().max(), bl.latency().max()), 3);
        j.endObject();
    }

    private static void sessions(JsonWriter j, SessionFigures s) {
        if (s == null) {
            j.nullValue();
            return;
        }
        j.beginObject();
        j.name("count").value(s.sessions());
        j.name("lost").value(s.lost());
        j.name("retried").value(s.retried());
        j.name("unavailable").value(s.unavailableReason());
        reading(j.name("before"), s.before());
        reading(j.name("open"), s.open());
        reading(j.name("after"), s.after());
        j.name("per_session_bytes").value(s.bytesPerSession(), 0);
        j.name("per_session_threads").value(s.threadsPerSession(), 3);
        j.endObject();
    }

    private static void reading(JsonWriter j, ServerStats.Reading r) {
        if (r instanceof ServerStats.Reading.Available a) {
            j.beginObject().name("resident_memory_bytes").value(a.residentBytes()).name("threads").value(a.threads())
                    .endObject();
        } else {
            j.nullValue();
        }
    }

    private static Double ratio(double rshell, double baseline) {
        return baseline <= 0 ? null : rshell / baseline;
    }

    /** "p50", "p99_9": JSON keys without dots, so jq's {@code .p99_9} works. */
    private static String key(double p) {
        return Percentiles.label(p).replace('.', '_');
    }

    /** Without trailing zeros, and never in exponent form. */
    private static BigDecimal plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static BigDecimal micros(long nanos) {
        return plain(BigDecimal.valueOf(nanos, 3));
    }
}
