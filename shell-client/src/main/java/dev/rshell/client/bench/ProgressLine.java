package dev.rshell.client.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line on a terminal: "rshell: 45% 4,500/10,000 commands, 45,000/s", rewritten in
 * place about {@value #HZ} times a second, from the first second of a run on (a shorter run
 * shows nothing), and erased when the run ends, so the report starts on a clean line. Nothing at
 * all is written when stdout is not a terminal ({@link #disabled}).
 *
 * <h2>Threading</h2>
 * One daemon thread, {@value #THREAD_NAME}, started by {@link #start} and stopped (joined,
 * bounded) by {@link #stop}; it is the only writer to stdout while it runs. It reads the
 * clients' counters through the given supplier, which must be safe from any thread.
 */
final class ProgressLine {

    static final String THREAD_NAME = "rshell-bench-progress";
    static final int HZ = 5;
    /** Nothing is shown before this much of a run has passed. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private final PrintStream out;
    private final boolean enabled;
    private Thread thread;
    private volatile boolean stopped;
    private int shown;

    private ProgressLine(PrintStream out, boolean enabled) {
        this.out = out;
        this.enabled = enabled;
    }

    /** A progress line on {@code out}, which is a terminal. */
    static ProgressLine on(PrintStream out) {
        return new ProgressLine(out, true);
    }

    /** No progress line (stdout is not a terminal, or --json). */
    static ProgressLine disabled() {
        return new ProgressLine(null, false);
    }

    /**
     * Starts showing the progress of a run.
     *
     * @param label    "rshell" or "baseline"
     * @param total    measured commands in all, or 0 for a timed run
     * @param duration the timed run's length in nanoseconds, or 0
     * @param done     measured commands ended so far
     * @param started  the {@link System#nanoTime} measuring started, 0 while warming up
     */
    void start(String label, long total, long duration, LongSupplier done, LongSupplier started) {
        if (!enabled) {
            return;
        }
        stopped = false;
        long since = System.nanoTime();
        thread = new Thread(() -> loop(label, total, duration, done, started, since), THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(String label, long total, long duration, LongSupplier done, LongSupplier started,
                      long since) {
        while (!stopped) {
            try {
                Thread.sleep(1000 / HZ);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (stopped || now - since < QUIET_NANOS) {
                continue;
            }
            show(text(label, total, duration, done.getAsLong(), started.getAsLong(), now));
        }
    }

    /** The line's text at {@code now}. */
    static String text(String label, long total, long duration, long done, long started, long now) {
        if (started == 0) {
            return label + ": warming up";
        }
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f/s", done / seconds);
        if (total > 0) {
            return String.format(Locale.ROOT, "%s: %d%% %,d/%,d commands, %s", label, done * 100 / total, done,
                    total, rate);
        }
        return String.format(Locale.ROOT, "%s: %.1f/%.0f s, %,d commands, %s", label, Math.min(seconds,
                duration / 1e9), duration / 1e9, done, rate);
    }

    private void show(String text) {
        StringBuilder b = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < shown; i++) {
            b.append(' ');
        }
        out.print(b);
        out.flush();
        shown = Math.max(shown, text.length());
    }

    /** Stops the thread and erases the line. */
    void stop() {
        if (thread == null) {
            return;
        }
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        if (shown > 0) {
            out.print("\r" + " ".repeat(shown) + "\r");
            out.flush();
            shown = 0;
        }
    }
}
