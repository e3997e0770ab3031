package dev.rshell.client.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Percentiles, the log histogram, the recorder and the histogram rows, on known samples. */
class LatencyMathTest {

    private static long[] range(long from, long to) {
        long[] a = new long[(int) (to - from + 1)];
        for (int i = 0; i < a.length; i++) {
            a[i] = from + i;
        }
        return a;
    }

    @Test
    void nearestRankPercentilesOfOneToAHundred() {
        long[] s = range(1, 100);
        assertEquals(50, Percentiles.of(s, s.length, 50));
        assertEquals(90, Percentiles.of(s, s.length, 90));
        assertEquals(99, Percentiles.of(s, s.length, 99));
        assertEquals(100, Percentiles.of(s, s.length, 99.9));
        assertEquals(100, Percentiles.of(s, s.length, 100));
        assertEquals(1, Percentiles.of(s, s.length, 0));
    }

    @Test
    void theRankIsDecimalSoP999OfAThousandIsTheNineHundredNinetyNinth() {
        // In binary floating point 0.999 * 1000 is a hair above 999 and would round up to 1000.
        assertEquals(999, Percentiles.rank(99.9, 1000));
        assertEquals(9990, Percentiles.rank(99.9, 10_000));
        assertEquals(1, Percentiles.rank(50, 1));
        assertEquals(2, Percentiles.rank(50, 3));
        long[] s = range(1, 1000);
        assertEquals(999, Percentiles.of(s, s.length, 99.9));
        assertEquals("p99.9", Percentiles.label(99.9));
        assertEquals("p50", Percentiles.label(50));
    }

    @Test
    void summaryOfExactSamples() {
        long[] s = {5_000, 10_000, 10_000, 20_000, 1_000_000};
        LatencySummary l = LatencySummary.fromSorted(s, 209_000);
        assertEquals(5, l.count());
        assertTrue(l.exact());
        assertEquals(5_000, l.min());
        assertEquals(10_000, l.p50());
        assertEquals(1_000_000, l.p90());
        assertEquals(1_000_000, l.p99());
        assertEquals(1_000_000, l.max());
        assertEquals(209_000, l.mean());
    }

    @Test
    void histogramBucketsAreExactBelowSixtyFourAndWithinOneSixtyFourthAbove() {
        for (long v = 0; v < 64; v++) {
            assertEquals(v, LogHistogram.lowestValue(LogHistogram.index(v)));
            assertEquals(1, LogHistogram.bucketWidth(LogHistogram.index(v)));
        }
        Random r = new Random(7);
        for (int k = 0; k < 100_000; k++) {
            long v = (r.nextLong() >>> 1) >>> r.nextInt(63);
            int i = LogHistogram.index(v);
            long low = LogHistogram.lowestValue(i);
            long width = LogHistogram.bucketWidth(i);
            assertTrue(low <= v && v - low < width, () -> v + " not in bucket " + i);
            assertTrue(width == 1 || width <= low / 64, () -> "bucket " + i + " too wide for " + v);
            assertTrue(i >= 0 && i < LogHistogram.BUCKETS);
        }
        assertEquals(LogHistogram.BUCKETS - 1, LogHistogram.index(Long.MAX_VALUE));
    }

    @Test
    void histogramPercentilesAreWithinTheBucketPrecisionOfTheExactOnes() {
        Random r = new Random(42);
        long[] samples = new long[200_000];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < samples.length; i++) {
            // a long-tailed latency shape: 10 µs and up, log-normal
            samples[i] = 10_000 + (long) Math.exp(8 + 1.5 * r.nextGaussian());
            h.record(samples[i]);
        }
        Arrays.sort(samples);
        for (double p : new double[] {50, 90, 99, 99.9}) {
            long exact = Percentiles.of(samples, samples.length, p);
            long approx = h.percentile(p);
            assertTrue(Math.abs(approx - exact) <= exact / 64 + 1, () -> "p" + p + ": " + approx + " vs " + exact);
        }
        assertEquals(samples[0], h.min());
        assertEquals(samples[samples.length - 1], h.max());
        assertEquals(samples[samples.length - 1], h.percentile(100));
        assertEquals(Arrays.stream(samples).sum() / samples.length, h.mean());
    }

    @Test
    void recorderKeepsSamplesExactlyUntilItsCapacityThenOnlyTheHistogram() {
        LatencyRecorder known = new LatencyRecorder(3, 100);
        known.record(30);
        known.record(10);
        known.record(20);
        assertTrue(known.exact());
        assertArrayEquals(new long[] {10, 20, 30}, LatencyRecorder.sortedSamples(List.of(known)));

        LatencyRecorder open = new LatencyRecorder(0, LatencyRecorder.CHUNK + 10);
        for (int i = 0; i < LatencyRecorder.CHUNK + 5; i++) {
            open.record(i);
        }
        assertTrue(open.exact());
        assertEquals(LatencyRecorder.CHUNK + 5, open.stored());
        for (int i = 0; i < 10; i++) {
            open.record(1);
        }
        assertFalse(open.exact(), "past its capacity");
        assertEquals(LatencyRecorder.CHUNK + 15, open.count());

        LatencySummary mixed = LatencySummary.of(List.of(known, open));
        assertFalse(mixed.exact(), "one recorder overflowed: the histogram speaks for all");
        assertEquals(LatencyRecorder.CHUNK + 18, mixed.count());
        LatencySummary both = LatencySummary.of(List.of(known, new LatencyRecorder(1, 10)));
        assertTrue(both.exact());
        assertEquals(20, both.p50());
    }

    @Test
    void rowsAreOneTwoFiveStepsInMicrosecondsCoveringMinToMax() {
        long[] bounds = LatencyRows.bounds(15_000, 1_500_000);
        assertArrayEquals(new long[] {10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000},
                bounds);
        long[] s = {15_000, 15_500, 19_999, 20_000, 60_000, 1_500_000};
        List<LatencyRows.Row> rows = LatencyRows.fromSorted(s);
        assertEquals(7, rows.size());
        assertEquals(new LatencyRows.Row(10_000, 20_000, 3), rows.get(0));
        assertEquals(new LatencyRows.Row(20_000, 50_000, 1), rows.get(1));
        assertEquals(new LatencyRows.Row(50_000, 100_000, 1), rows.get(2));
        assertEquals(0, rows.get(3).count());
        assertEquals(new LatencyRows.Row(1_000_000, 2_000_000, 1), rows.get(6));
        // Samples below 0.1 µs get a row from 0.
        assertEquals(0, LatencyRows.bounds(50, 150)[0]);
    }

    @Test
    void aWideSpreadFallsBackToDecadesAndStaysShort() {
        long[] bounds = LatencyRows.bounds(2_000, 20_000_000_000L);
        assertTrue(bounds.length - 1 <= LatencyRows.MAX_ROWS, Arrays.toString(bounds));
        assertEquals(1_000, bounds[0]);
        assertEquals(100_000_000_000L, bounds[bounds.length - 1]);
    }

    @Test
    void histogramRowsCountEverySampleOnce() {
        LogHistogram h = new LogHistogram();
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            h.record(5_000 + r.nextInt(3_000_000));
        }
        List<LatencyRows.Row> rows = LatencyRows.fromHistogram(h);
        assertEquals(10_000, rows.stream().mapToLong(LatencyRows.Row::count).sum());
        assertTrue(rows.get(0).from() <= h.min() && rows.get(rows.size() - 1).to() > h.max());
    }

    @Test
    void textHistogramScalesBarsToTheFullestRow() {
        long[] s = new long[100];
        Arrays.fill(s, 0, 80, 15_000);
        Arrays.fill(s, 80, 99, 30_000);
        s[99] = 70_000;
        LatencySummary l = LatencySummary.fromSorted(s, 0);
        StringBuilder b = new StringBuilder();
        TextReport.histogram(b, new LoadResult("rshell", 100, 1, l, ErrorCounts.none()));
        assertEquals("\nlatency (rshell), \u00b5s:\n"
                + "  10 -  20 |" + "#".repeat(40) + "|  80.0%  80\n"
                + "  20 -  50 |" + "#".repeat(10) + " ".repeat(30) + "|  19.0%  19\n"
                + "  50 - 100 |#" + " ".repeat(39) + "|   1.0%  1\n", b.toString());
    }
}
