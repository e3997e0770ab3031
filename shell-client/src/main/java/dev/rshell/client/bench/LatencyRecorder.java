package dev.rshell.client.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latencies of one client's measured commands, in nanoseconds: every sample exactly, up to
 * a capacity, and always a {@link LogHistogram} too.
 *
 * <p>Exact samples live in {@code long} chunks: one chunk of the expected size when the count
 * is known in advance ({@code --requests}), allocated before the run, else chunks of
 * {@value #CHUNK} added as needed ({@code --duration}). Past the capacity, samples go to the
 * histogram only and {@link #exact()} turns false: the report then takes its percentiles from
 * the histogram (within 1.6 %).
 *
 * <p>Thread safety: not thread-safe. Only the client's connection reader thread records; the
 * main thread reads after the run, once the client thread that waited for the last
 * {@code end} has been joined.
 */
final class LatencyRecorder {

    /** Samples per chunk when the count is not known in advance: 512 KiB. */
    static final int CHUNK = 1 << 16;

    private final LogHistogram histogram = new LogHistogram();
    private final List<long[]> chunks = new ArrayList<>();
    private final long capacity;
    private long[] current;
    private int used;
    private long stored;
    private boolean overflowed;

    /**
     * @param expected the samples expected (allocated now), or 0 when unknown
     * @param capacity the most samples kept exactly
     */
    LatencyRecorder(long expected, long capacity) {
        this.capacity = capacity;
        if (expected > 0 && expected <= capacity && expected <= Integer.MAX_VALUE - 8) {
            current = new long[(int) expected];
            chunks.add(current);
        }
    }

    /** Records one latency. */
    void record(long nanos) {
        histogram.record(nanos);
        if (overflowed) {
            return;
        }
        if (stored >= capacity) {
            overflowed = true;
            return;
        }
        if (current == null || used == current.length) {
            current = new long[(int) Math.min(CHUNK, capacity - stored)];
            chunks.add(current);
            used = 0;
        }
        current[used++] = nanos;
        stored++;
    }

    /** Whether every sample recorded is also kept exactly. */
    boolean exact() {
        return !overflowed;
    }

    /** Samples recorded. */
    long count() {
        return histogram.count();
    }

    LogHistogram histogram() {
        return histogram;
    }

    /** Copies the exact samples into {@code into} from {@code at}; returns the next free index. */
    int copyTo(long[] into, int at) {
        int pos = at;
        for (int i = 0; i < chunks.size(); i++) {
            long[] chunk = chunks.get(i);
            int n = chunk == current ? used : chunk.length;
            System.arraycopy(chunk, 0, into, pos, n);
            pos += n;
        }
        return pos;
    }

    /** Exact samples kept. */
    long stored() {
        return stored;
    }

    /** All exact samples of several recorders, sorted; only when all are {@link #exact()}. */
    static long[] sortedSamples(List<LatencyRecorder> recorders) {
        long n = 0;
        for (LatencyRecorder r : recorders) {
            n += r.stored();
        }
        long[] all = new long[Math.toIntExact(n)];
        int at = 0;
        for (LatencyRecorder r : recorders) {
            at = r.copyTo(all, at);
        }
        Arrays.sort(all);
        return all;
    }
}
