package dev.rshell.client.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Percentiles by nearest rank, the definition redis-benchmark and HdrHistogram use: the value at
 * percentile p of n sorted values is the one at rank {@code ceil(p/100 * n)} (1-based, at least
 * 1), so p100 is the maximum and no value is interpolated. The rank is computed in decimal, so
 * p99.9 of 1000 values is rank 999, not the 1000 a binary {@code 0.999 * 1000} would round to.
 *
 * <p>Thread safety: stateless.
 */
final class Percentiles {

    /** The percentiles every report shows, in order. */
    static final double[] REPORTED = {50, 90, 99, 99.9};

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percentiles() {
    }

    /** The 1-based rank of percentile {@code p} (0 to 100) among {@code n > 0} values. */
    static long rank(double p, long n) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be 0 to 100: " + p);
        }
        long r = BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(p)).divide(HUNDRED, 0, RoundingMode.CEILING)
                .longValueExact();
        return Math.max(1, Math.min(n, r));
    }

    /**
     * Percentile {@code p} of the first {@code n} values of {@code sorted}, which must be in
     * ascending order; 0 when {@code n == 0}.
     */
    static long of(long[] sorted, int n, double p) {
        return n == 0 ? 0 : sorted[(int) rank(p, n) - 1];
    }

    /** A label for a percentile: "p50", "p99.9". */
    static String label(double p) {
        return "p" + BigDecimal.valueOf(p).stripTrailingZeros().toPlainString();
    }
}
