package dev.rshell.client.bench;

/**
 * A fixed-size, HDR-style log-bucket histogram of non-negative {@code long} values
 * (nanoseconds here): every power of two is split into {@value #SUB_BUCKETS} linear
 * sub-buckets, so a value is known to within 1/{@value #SUB_BUCKETS} (about 1.6 %) of itself
 * whatever its size, in {@value #BUCKETS} counters (about 30 KB) for the whole {@code long}
 * range. Values below {@value #SUB_BUCKETS} are counted exactly.
 *
 * <p>Recording is a few shifts and one array increment, with no allocation, so a reader thread
 * can record every command's latency. The exact maximum and minimum are kept alongside.
 *
 * <p>Thread safety: not thread-safe. One thread records (a connection's reader thread); others
 * read it only after a happens-before edge with the recorder (the run's end), or merge it.
 */
public final class LogHistogram {

    /** Linear sub-buckets per power of two: the relative precision is 1/64. */
    static final int SUB_BUCKETS = 64;
    private static final int SUB_BITS = 6;
    /** Counters for the whole range of non-negative longs. */
    static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;

    /** Counts one value; a negative value (a clock that stepped back) counts as 0. */
    public void record(long value) {
        long v = Math.max(0, value);
        counts[index(v)]++;
        total++;
        sum += v;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    /** Adds every count of {@code other} to this one. */
    public void add(LogHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    /** Values recorded. */
    public long count() {
        return total;
    }

    /** The mean of the values recorded, exactly (rounded down); 0 when empty. */
    public long mean() {
        return total == 0 ? 0 : sum / total;
    }

    /** The largest value recorded, exactly; 0 when empty. */
    public long max() {
        return total == 0 ? 0 : max;
    }

    /** The smallest value recorded, exactly; 0 when empty. */
    public long min() {
        return total == 0 ? 0 : min;
    }

    /**
     * The value at percentile {@code p} (0 to 100) by nearest rank: the smallest recorded value
     * such that at least p % of all values are at most it, as the middle of its sub-bucket,
     * kept within the exact minimum and maximum. 0 when empty.
     */
    public long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Percentiles.rank(p, total);
        if (rank == total) {
            return max;
        }
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long middle = lowestValue(i) + (bucketWidth(i) - 1) / 2;
                return Math.max(min, Math.min(max, middle));
            }
        }
        return max;
    }

    /** The count of the sub-bucket at {@code index}. */
    long countAt(int index) {
        return counts[index];
    }

    /** The bucket a value falls into. */
    static int index(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int sub = (int) ((v >>> (exponent - SUB_BITS)) & (SUB_BUCKETS - 1));
        return (exponent - SUB_BITS + 1) * SUB_BUCKETS + sub;
    }

    /** The smallest value of bucket {@code index}. */
    static long lowestValue(int index) {
        int block = index / SUB_BUCKETS;
        int sub = index % SUB_BUCKETS;
        if (block == 0) {
            return sub;
        }
        int exponent = block + SUB_BITS - 1;
        return (1L << exponent) + ((long) sub << (exponent - SUB_BITS));
    }

    /** How many values bucket {@code index} spans. */
    static long bucketWidth(int index) {
        int block = index / SUB_BUCKETS;
        return block == 0 ? 1 : 1L << (block - 1);
    }
}
