package dev.rshell.client.bench;

import dev.rshell.config.source.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report for people: a header naming the load, a table of throughput and latency (with
 * {@code --baseline} a column for each server and the ratio rshell/baseline), the errors, a
 * text histogram of each run's latencies, and with {@code --sessions} the server's memory and
 * threads. Latencies are in microseconds with one decimal; the ratio has two (below 1 for
 * commands/s means rshell is slower, above 1 for latencies means the same).
 *
 * <p>Thread safety: stateless.
 */
final class TextReport {

    /** Width of the widest histogram bar. */
    static final int BAR = 40;
    private static final String MICRO = "\u00b5s";

    private TextReport() {
    }

    static String render(BenchResult r) {
        StringBuilder b = new StringBuilder();
        b.append(header(r)).append("\n\n");
        table(b, r);
        b.append('\n');
        errors(b, r.rshell());
        if (r.baseline() != null) {
            errors(b, r.baseline());
        }
        histogram(b, r.rshell());
        if (r.baseline() != null) {
            histogram(b, r.baseline());
        }
        if (r.sessions() != null) {
            sessions(b, r.sessions());
        }
        return b.toString();
    }

    static String header(BenchResult r) {
        LoadSettings s = r.settings();
        String load = s.duration() != null
                ? "for " + decimal(s.duration().toMillis() / 1000.0) + " s"
                : String.format(Locale.ROOT, "%,d commands", s.requests());
        return String.format(Locale.ROOT, "rshell bench: %s, %s, %s, %d client%s, pipeline %d, %s%s",
                r.target(), r.tls() ? "TLS" : "plain TCP", Text.quote(s.command()), s.clients(), s.clients() == 1 ? "" : "s",
                s.pipeline(), load, s.warmup() > 0 ? String.format(Locale.ROOT, " after %,d warm-up", s.warmup()) : "")
                + (r.sessions() != null ? String.format(Locale.ROOT, ", %,d idle sessions", r.sessions().sessions()) : "");
    }

    private static void table(StringBuilder b, BenchResult r) {
        LoadResult rs = r.rshell();
        LoadResult bl = r.baseline();
        List<String[]> rows = new ArrayList<>();
        rows.add(bl == null ? new String[] {"", "rshell"} : new String[] {"", "rshell", "baseline", "rshell/baseline"});
        rows.add(row("commands", count(rs.commands()), bl == null ? null : count(bl.commands()), null));
        rows.add(row("seconds", seconds(rs.elapsed()), bl == null ? null : seconds(bl.elapsed()), null));
        rows.add(row("commands/s", rate(rs.commandsPerSecond()), bl == null ? null : rate(bl.commandsPerSecond()),
                bl == null ? null : ratio(rs.commandsPerSecond(), bl.commandsPerSecond())));
        long[] rp = rs.latency().percentiles();
        long[] bp = bl == null ? null : bl.latency().percentiles();
        for (int i = 0; i < Percentiles.REPORTED.length; i++) {
            rows.add(row(Percentiles.label(Percentiles.REPORTED[i]) + " " + MICRO, micros(rp[i]),
                    bl == null ? null : micros(bp[i]), bl == null ? null : ratio(rp[i], bp[i])));
        }
        rows.add(row("max " + MICRO, micros(rs.latency().max()), bl == null ? null : micros(bl.latency().max()),
                bl == null ? null : ratio(rs.latency().max(), bl.latency().max())));
        rows.add(row("mean " + MICRO, micros(rs.latency().mean()), bl == null ? null : micros(bl.latency().mean()),
                bl == null ? null : ratio(rs.latency().mean(), bl.latency().mean())));
        rows.add(row("errors", count(errorTotal(rs.errors())), bl == null ? null : count(errorTotal(bl.errors())),
                null));
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int c = 0; c < cols; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(pad(row[0], width[0], false));
            for (int c = 1; c < cols; c++) {
                line.append("  ").append(pad(row[c], Math.max(width[c], 9), true));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        if (!rs.latency().exact() || (bl != null && !bl.latency().exact())) {
            b.append("(percentiles from a log histogram, within 1.6%: too many samples to keep)\n");
        }
    }

    private static String[] row(String name, String rshell, String baseline, String ratio) {
        if (baseline == null) {
            return new String[] {name, rshell};
        }
        return new String[] {name, rshell, baseline, ratio == null ? "" : ratio};
    }

    private static long errorTotal(ErrorCounts e) {
        return e.nonZeroStatus() + e.connectionProblems();
    }

    private static void errors(StringBuilder b, LoadResult r) {
        ErrorCounts e = r.errors();
        if (!e.any()) {
            b.append("errors (").append(r.label()).append("): none\n");
            return;
        }
        List<String> parts = new ArrayList<>();
        if (e.nonZeroStatus() > 0) {
            StringBuilder statuses = new StringBuilder();
            for (Map.Entry<Integer, Long> s : e.sortedStatuses().entrySet()) {
                statuses.append(statuses.length() == 0 ? "" : ", ").append("status ").append(s.getKey())
                        .append(": ").append(count(s.getValue()));
            }
            parts.add(count(e.nonZeroStatus()) + " non-zero status (" + statuses + ")");
        }
        if (e.protocolErrors() > 0) {
            parts.add(count(e.protocolErrors()) + " protocol error" + plural(e.protocolErrors()));
        }
        if (e.disconnects() > 0) {
            parts.add(count(e.disconnects()) + " disconnect" + plural(e.disconnects()));
        }
        if (e.timeouts() > 0) {
            parts.add(count(e.timeouts()) + " timeout" + plural(e.timeouts()));
        }
        if (e.unanswered() > 0) {
            parts.add(count(e.unanswered()) + " command" + plural(e.unanswered()) + " unanswered");
        }
        b.append("errors (").append(r.label()).append("): ").append(String.join("; ", parts)).append('\n');
        if (e.firstProblem() != null) {
            b.append("  first: ").append(e.firstProblem()).append('\n');
        }
    }

    /** The latency histogram of one run: one row per range, bars scaled to the fullest row. */
    static void histogram(StringBuilder b, LoadResult r) {
        List<LatencyRows.Row> rows = r.latency().rows();
        if (rows.isEmpty()) {
            return;
        }
        b.append('\n').append("latency (").append(r.label()).append("), ").append(MICRO).append(":\n");
        long most = 0;
        long total = 0;
        for (LatencyRows.Row row : rows) {
            most = Math.max(most, row.count());
            total += row.count();
        }
        int fromWidth = 0;
        int toWidth = 0;
        for (LatencyRows.Row row : rows) {
            fromWidth = Math.max(fromWidth, bound(row.from()).length());
            toWidth = Math.max(toWidth, bound(row.to()).length());
        }
        for (LatencyRows.Row row : rows) {
            int bar = most == 0 ? 0 : (int) Math.round(BAR * (double) row.count() / most);
            if (bar == 0 && row.count() > 0) {
                bar = 1;
            }
            b.append(String.format(Locale.ROOT, "  %s - %s |%-" + BAR + "s| %5.1f%%  %s\n",
                    pad(bound(row.from()), fromWidth, true), pad(bound(row.to()), toWidth, true), "#".repeat(bar),
                    100.0 * row.count() / total, count(row.count())));
        }
    }

    private static void sessions(StringBuilder b, SessionFigures s) {
        b.append('\n').append(String.format(Locale.ROOT, "server, %,d idle session%s (from stats):\n", s.sessions(),
                s.sessions() == 1 ? "" : "s"));
        if (s.unavailableReason() != null) {
            b.append("  resident memory and threads: unavailable (").append(s.unavailableReason()).append(")\n");
            return;
        }
        String[][] rows = {
            {"", "before", "sessions open", "after the run"},
            {"resident memory", memory(s.before()), memory(s.open()), memory(s.after())},
            {"threads", threads(s.before()), threads(s.open()), threads(s.after())},
        };
        int[] width = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < 4; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            b.append("  ").append(pad(row[0], width[0], false));
            for (int c = 1; c < 4; c++) {
                b.append("  ").append(pad(row[c], width[c], true));
            }
            b.append('\n');
        }
        Double perSession = s.bytesPerSession();
        Double threads = s.threadsPerSession();
        if (perSession != null) {
            b.append(String.format(Locale.ROOT, "  per idle session: %s resident memory, %.2f threads\n",
                    size(perSession), threads));
        }
        if (s.lost() > 0) {
            b.append(String.format(Locale.ROOT, "  %,d idle session%s closed by the server during the run\n",
                    s.lost(), s.lost() == 1 ? " was" : "s were"));
        }
        if (s.retried() > 0) {
            b.append(String.format(Locale.ROOT, "  %,d idle session open%s failed and %s tried again\n",
                    s.retried(), s.retried() == 1 ? "" : "s", s.retried() == 1 ? "was" : "were"));
        }
    }

    private static String memory(ServerStats.Reading r) {
        return r instanceof ServerStats.Reading.Available a ? size(a.residentBytes()) : "unavailable";
    }

    private static String threads(ServerStats.Reading r) {
        return r instanceof ServerStats.Reading.Available a ? count(a.threads()) : "unavailable";
    }

    /** A size with a binary unit: "512 B", "91.6 KiB", "-1.2 MiB". */
    static String size(double bytes) {
        double abs = Math.abs(bytes);
        if (abs < 1024) {
            return String.format(Locale.ROOT, "%.0f B", bytes);
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A row bound in µs: "0.1", "2", "1000". */
    private static String bound(long nanos) {
        return BigDecimal.valueOf(nanos, 3).stripTrailingZeros().toPlainString();
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1000.0);
    }

    static String ratio(double rshell, double baseline) {
        return baseline <= 0 ? "-" : String.format(Locale.ROOT, "%.2f", rshell / baseline);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e9);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String decimal(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String plural(long n) {
        return n == 1 ? "" : "s";
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return right ? spaces + s : s + spaces;
    }
}
