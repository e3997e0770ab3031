package dev.rshell.server.audit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough throughput check, run by hand (not a test; it asserts nothing):
 * {@code java -cp shell-server/target/classes:shell-server/target/test-classes
 * dev.rshell.server.audit.AuditLogBenchmark [DIR] [SECONDS]}. Prints events/s for 1 and 8
 * recording threads, with and without fsync, and for comparison a plain "lock, write one
 * line, unlock" log, which is what group commit replaces.
 */
public final class AuditLogBenchmark {

    private AuditLogBenchmark() {
    }

    /** Something that records one event. */
    private interface Sink {
        void record(AuditEvent event) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of("/tmp"), "audit-bench");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        AuditEvent sample = event(0, 0);
        System.out.printf("line: %d bytes; %d cpus; dir %s%n", AuditFormat.line(sample).length,
                Runtime.getRuntime().availableProcessors(), dir);
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            boolean print = round == 1;
            for (int threads : new int[] {1, 8}) {
                run(print, "group commit", threads, seconds, dir, false);
                run(print, "group commit + fsync", threads, seconds / 2, dir, true);
                runNaive(print, threads, seconds, dir, false);
                runNaive(print, threads, seconds / 2, dir, true);
            }
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static AuditEvent event(int thread, long n) {
        return new AuditEvent.CommandRun(Instant.now(), thread, "ann", "127.0.0.1", "/home/ann",
                List.of("echo", "hello", "world"), Instant.now(), 12, 0, 12 + n);
    }

    private static void run(boolean print, String name, int threads, double seconds, Path dir,
                            boolean fsync) throws Exception {
        Path file = dir.resolve("audit.log");
        Files.deleteIfExists(file);
        AuditLogSettings settings = AuditLogSettings.DEFAULTS.withRotation(1L << 40, 1).withFsync(fsync);
        FlakyChannel.Faults counter = new FlakyChannel.Faults(); // no faults: counts writes
        try (AuditLog log = new AuditLog(file, settings, System.err, counter.opener())) {
            long events = measure(print, name, threads, seconds, log::record);
            if (print) {
                System.out.printf("%-30s %d thread(s): %.1f events per write() call%n", "",
                        threads, events / (double) counter.writes.get());
            }
        }
    }

    private static void runNaive(boolean print, int threads, double seconds, Path dir,
                                 boolean fsync) throws Exception {
        Path file = dir.resolve("naive.log");
        Files.deleteIfExists(file);
        try (FileChannel channel = LogFile.openPrivate(file)) {
            measure(print, "naive: lock + write per line" + (fsync ? " + fsync" : ""), threads, seconds, event -> {
                ByteBuffer line = ByteBuffer.wrap(AuditFormat.line(event));
                synchronized (channel) {
                    while (line.hasRemaining()) {
                        channel.write(line);
                    }
                    if (fsync) {
                        channel.force(false);
                    }
                }
            });
        }
    }

    /** Runs {@code threads} recorders for {@code seconds}; returns the events recorded. */
    private static long measure(boolean print, String name, int threads, double seconds, Sink sink)
            throws Exception {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        AtomicLong total = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<long[]> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            long[] samples = new long[1 << 20];
            latencies.add(samples);
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    long n = 0;
                    while (System.nanoTime() < end) {
                        long before = System.nanoTime();
                        sink.record(event(id, n));
                        samples[(int) (n & (samples.length - 1))] = System.nanoTime() - before;
                        n++;
                    }
                    total.addAndGet(n);
                    samples[samples.length - 1] = Math.min(n, samples.length - 1); // count
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        long began = System.nanoTime();
        start.await();
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long[] all = latencies.stream().flatMapToLong(s -> Arrays.stream(s, 0, (int) s[s.length - 1])).toArray();
        Arrays.sort(all);
        if (print) {
            System.out.printf("%-30s %d thread(s): %,10.0f events/s   record() p50 %6.1f us  p99 %7.1f us%n",
                    name, threads, total.get() / elapsed, all[all.length / 2] / 1e3,
                    all[(int) (all.length * 0.99)] / 1e3);
        }
        return total.get();
    }
}
