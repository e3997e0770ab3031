package dev.rshell.client.bench;

import java.util.List;

/**
 * The latency figures of one load run, in nanoseconds: nearest-rank percentiles
 * ({@link Percentiles}), exact when every sample was kept ({@link #exact()}), else from the
 * {@link LogHistogram} (within 1.6 %); minimum, mean and maximum are always exact.
 *
 * @param count the measured commands
 * @param rows  the text histogram's rows ({@link LatencyRows})
 */
record LatencySummary(long count, boolean exact, long min, long mean, long p50, long p90, long p99, long p999,
                      long max, List<LatencyRows.Row> rows) {

    LatencySummary {
        rows = List.copyOf(rows);
    }

    /** No command was measured. */
    static LatencySummary empty() {
        return new LatencySummary(0, true, 0, 0, 0, 0, 0, 0, 0, List.of());
    }

    /** The figures of several clients' recorders together. */
    static LatencySummary of(List<LatencyRecorder> recorders) {
        LogHistogram all = new LogHistogram();
        boolean exact = true;
        for (LatencyRecorder r : recorders) {
            all.add(r.histogram());
            exact &= r.exact();
        }
        if (all.count() == 0) {
            return empty();
        }
        if (exact) {
            long[] sorted = LatencyRecorder.sortedSamples(recorders);
            return fromSorted(sorted, all.mean());
        }
        return fromHistogram(all);
    }

    /** Exact figures from ascending samples; {@code mean} is passed in (the histogram's sum). */
    static LatencySummary fromSorted(long[] sorted, long mean) {
        int n = sorted.length;
        if (n == 0) {
            return empty();
        }
        return new LatencySummary(n, true, sorted[0], mean, Percentiles.of(sorted, n, 50),
                Percentiles.of(sorted, n, 90), Percentiles.of(sorted, n, 99), Percentiles.of(sorted, n, 99.9),
                sorted[n - 1], LatencyRows.fromSorted(sorted));
    }

    /** Figures from a histogram alone. */
    static LatencySummary fromHistogram(LogHistogram h) {
        if (h.count() == 0) {
            return empty();
        }
        return new LatencySummary(h.count(), false, h.min(), h.mean(), h.percentile(50), h.percentile(90),
                h.percentile(99), h.percentile(99.9), h.max(), LatencyRows.fromHistogram(h));
    }

    /** The reported percentiles in {@link Percentiles#REPORTED} order. */
    long[] percentiles() {
        return new long[] {p50, p90, p99, p999};
    }
}
