package dev.rshell.client.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of the text histogram: latencies counted in log-scale ranges whose bounds are round
 * numbers of microseconds, 1-2-5 per decade (10, 20, 50, 100 µs ...), or whole decades when
 * that would make more than {@value #MAX_ROWS} rows. Rows run from the range holding the
 * smallest latency to the one holding the largest, empty ones in between included, so the
 * shape reads true.
 *
 * <p>From exact samples the counts are exact; from a {@link LogHistogram} each sub-bucket goes
 * to the row holding its lowest value (a row bound can fall inside a sub-bucket, so a count may
 * be off by the values within 1.6 % of a bound).
 *
 * <p>Thread safety: stateless.
 */
final class LatencyRows {

    /** The most rows before 1-2-5 steps give way to decades. */
    static final int MAX_ROWS = 12;

    /** One range {@code [from, to)} in nanoseconds and how many latencies fell in it. */
    record Row(long from, long to, long count) {
    }

    private static final long[] STEPS_125 = {1, 2, 5};
    private static final long[] STEPS_10 = {1};
    /** The smallest bound above 0: 0.1 µs. */
    private static final long FIRST_BOUND = 100;

    private LatencyRows() {
    }

    /** Rows from ascending samples. */
    static List<Row> fromSorted(long[] sorted) {
        if (sorted.length == 0) {
            return List.of();
        }
        long[] bounds = bounds(sorted[0], sorted[sorted.length - 1]);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.length; i++) {
            int from = lowerIndex(sorted, bounds[i]);
            int to = lowerIndex(sorted, bounds[i + 1]);
            rows.add(new Row(bounds[i], bounds[i + 1], to - from));
        }
        return rows;
    }

    /** Rows from a histogram. */
    static List<Row> fromHistogram(LogHistogram h) {
        if (h.count() == 0) {
            return List.of();
        }
        long[] bounds = bounds(h.min(), h.max());
        long[] counts = new long[bounds.length - 1];
        for (int i = 0; i < LogHistogram.BUCKETS; i++) {
            long c = h.countAt(i);
            if (c == 0) {
                continue;
            }
            long v = Math.max(h.min(), Math.min(h.max(), LogHistogram.lowestValue(i)));
            int row = Arrays.binarySearch(bounds, v);
            row = row >= 0 ? row : -row - 2;
            counts[Math.max(0, Math.min(counts.length - 1, row))] += c;
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            rows.add(new Row(bounds[i], bounds[i + 1], counts[i]));
        }
        return rows;
    }

    /** The row bounds: the first at most {@code min}, the last above {@code max}. */
    static long[] bounds(long min, long max) {
        long[] fine = series(min, max, STEPS_125);
        return fine.length - 1 <= MAX_ROWS ? fine : series(min, max, STEPS_10);
    }

    private static long[] series(long min, long max, long[] steps) {
        List<Long> bounds = new ArrayList<>();
        if (min < FIRST_BOUND) {
            bounds.add(0L);
        }
        for (long decade = FIRST_BOUND; ; decade *= 10) {
            for (long step : steps) {
                long b = decade * step;
                if (b <= min) {
                    bounds.clear();
                    bounds.add(b);
                } else {
                    bounds.add(b);
                    if (b > max) {
                        return bounds.stream().mapToLong(Long::longValue).toArray();
                    }
                }
            }
            if (decade > Long.MAX_VALUE / 100) {
                bounds.add(Long.MAX_VALUE);
                return bounds.stream().mapToLong(Long::longValue).toArray();
            }
        }
    }

    /** The index of the first sample at least {@code value}. */
    private static int lowerIndex(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
