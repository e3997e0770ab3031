package dev.rshell.client.connect;

import java.util.Map;

/**
 * Where a run's time goes, for {@code RSHELL_TIMING=1}: the moments at which each start-up
 * {@link Phase} ended, printed at exit as one line on stderr.
 *
 * <p>The line looks like {@code rshell: timing: launcher 4 ms, jvm 71 ms, args 60 ms, setup 40 ms,
 * context 20 ms, tcp 1 ms, tls 120 ms, login 6 ms, commands 9 ms, exit 1 ms, total 312 ms}: each figure is the
 * time from the end of the phase before it. {@code jvm} runs from the JVM's own start time to
 * {@code main}; {@code launcher}, when the launcher exported {@code RSHELL_LAUNCH_EPOCH} (its
 * start, in seconds since the epoch), from there to the JVM's start. Phases the run never
 * reached (no TLS with {@code --no-tls}, nothing after a failed login) are left out.
 *
 * <p>Marking costs one {@code System.nanoTime()} when timing is on and nothing otherwise, so the
 * marks stay in the code. The JVM's start time comes from {@code RuntimeMXBean}, which loads the
 * JMX classes (tens of milliseconds); it is asked only in {@link #line}, after the last mark, so
 * it shows in a stopwatch around the process but in none of the phases.
 *
 * <p>Thread safety: marks are written by the main thread; the line is made by the same thread
 * after the run.
 */
public final class StartupTimes {

    /** The environment variable that turns timing on when set and not empty. */
    public static final String ENV = "RSHELL_TIMING";
    /** Set by the launcher when timing is on: its own start, in seconds since the epoch. */
    public static final String LAUNCH_ENV = "RSHELL_LAUNCH_EPOCH";

    /** A phase of a run, named in the line by what it did. */
    public enum Phase {
        /** From the JVM's start to {@code main}: JVM start-up and loading the main class. */
        MAIN("jvm"),
        /** Parsing the command line. */
        ARGS("args"),
        /** Checking the options, reading the identity and trust files and the script. */
        SETUP("setup"),
        /** Building the TLS context (trust, client certificate), before connecting. */
        CONTEXT("context"),
        /** The TCP connection. */
        TCP("tcp"),
        /** The TLS handshake and the server's verification. */
        TLS("tls"),
        /** Waiting for {@code hello} and, for a password, the answer to {@code :login}. */
        LOGIN("login"),
        /** Running the commands, to the end of the connection. */
        COMMANDS("commands"),
        /** Reporting the outcome. */
        EXIT("exit");

        private final String label;

        Phase(String label) {
            this.label = label;
        }

        /** The phase's name in the timing line. */
        public String label() {
            return label;
        }
    }

    /** Timing off: marks do nothing and there is no line. */
    public static final StartupTimes OFF = new StartupTimes(false, 0, 0, null);

    private final boolean on;
    private final long[] nanos = new long[Phase.values().length];
    private final boolean[] marked = new boolean[nanos.length];
    private final long mainNanos;
    private final long mainMillis;
    private final String launchEpoch;

    private StartupTimes(boolean on, long mainNanos, long mainMillis, String launchEpoch) {
        this.on = on;
        this.mainNanos = mainNanos;
        this.mainMillis = mainMillis;
        this.launchEpoch = launchEpoch;
    }

    /**
     * Timing as the environment asks, starting at {@code main}.
     *
     * @param mainNanos  {@code System.nanoTime()} as {@code main} was entered
     * @param mainMillis {@code System.currentTimeMillis()} at the same moment
     */
    public static StartupTimes from(Map<String, String> env, long mainNanos, long mainMillis) {
        String value = env.get(ENV);
        if (value == null || value.isEmpty()) {
            return OFF;
        }
        StartupTimes times = new StartupTimes(true, mainNanos, mainMillis, env.get(LAUNCH_ENV));
        times.nanos[Phase.MAIN.ordinal()] = mainNanos;
        times.marked[Phase.MAIN.ordinal()] = true;
        return times;
    }

    /** Whether timing is on. */
    public boolean on() {
        return on;
    }

    /** Records that {@code phase} ended now (the last mark of a phase counts). */
    public void mark(Phase phase) {
        if (on) {
            nanos[phase.ordinal()] = System.nanoTime();
            marked[phase.ordinal()] = true;
        }
    }

    /**
     * The timing line, without a line break, with {@link Phase#EXIT} ending now; empty when
     * timing is off.
     */
    public String line() {
        if (!on) {
            return "";
        }
        mark(Phase.EXIT);
        long jvmStartMillis = jvmStartMillis();
        StringBuilder line = new StringBuilder("rshell: timing:");
        String sep = " ";
        Long launcher = launcherMillis(jvmStartMillis);
        if (launcher != null) {
            line.append(sep).append("launcher ").append(launcher).append(" ms");
            sep = ", ";
        }
        long jvm = jvmStartMillis < 0 ? -1 : Math.max(0, mainMillis - jvmStartMillis);
        line.append(sep).append(Phase.MAIN.label()).append(' ').append(jvm < 0 ? "?" : jvm).append(" ms");
        long previous = mainNanos;
        for (Phase phase : Phase.values()) {
            if (phase == Phase.MAIN || !marked[phase.ordinal()]) {
                continue;
            }
            line.append(", ").append(phase.label()).append(' ')
                    .append(millis(nanos[phase.ordinal()] - previous)).append(" ms");
            previous = nanos[phase.ordinal()];
        }
        long sinceMain = millis(previous - mainNanos);
        line.append(", total ").append(jvm < 0 ? "?" : String.valueOf(jvm + sinceMain)).append(" ms");
        return line.toString();
    }

    /** The JVM's start, in ms since the epoch; -1 when the platform can't say. */
    private static long jvmStartMillis() {
        try {
            return java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        } catch (RuntimeException | LinkageError e) {
            // java.management left out of a trimmed runtime: the other phases still stand.
            return -1;
        }
    }

    /** From the launcher's start to the JVM's, when the launcher said when it started. */
    private Long launcherMillis(long jvmStartMillis) {
        if (launchEpoch == null || jvmStartMillis < 0) {
            return null;
        }
        try {
            // bash's EPOCHREALTIME: seconds, a decimal point (or the locale's comma), microseconds.
            double seconds = Double.parseDouble(launchEpoch.replace(',', '.'));
            long launchMillis = Math.round(seconds * 1000);
            return Math.max(0, jvmStartMillis - launchMillis);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
