package dev.rshell.client.fanout;

import dev.rshell.common.protocol.ClientLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the same commands on many hosts, at most {@link FanoutSettings#fanout()} at a time, and
 * accounts for every host: each gets exactly one {@link HostResult}.
 *
 * <p>Per host ({@link HostRun}): a session opened as the single-host client opens one
 * ({@link HostConnector} gives the {@code SessionSpec}; {@code ClientSession} connects, verifies
 * and logs in within {@code --connect-timeout}), the command lines sent within the window (or
 * one by one with {@code -e}), {@code :quit} once they ended, and an outcome judged as the
 * batch client judges one session. Output goes to the {@link FanoutOutput} as it arrives.
 *
 * <h2>Threads, and who owns them</h2>
 * <ul>
 *   <li>The calling thread submits every host, waits for their ends, and returns; it calls
 *       {@link FanoutOutput#finished} last.</li>
 *   <li>A bounded pool of min(fanout, hosts) daemon worker threads, named
 *       {@value #WORKER_THREAD_PREFIX}N, created and shut down by {@link #run} (always, in a
 *       {@code finally}); its queue holds the hosts not yet started, bounded by their count.
 *       A worker blocks on connecting (bounded by the connect timeout) and on waiting for its
 *       host's {@code end}s (bounded by the command timeout when one is set).</li>
 *   <li>Each connected host has its connection's reader thread ({@code rshell-reader}), which
 *       delivers its lines; so at most 2 &times; fanout threads run.</li>
 *   <li>{@link #interruptAll()} may come from any thread (a signal handler's): it only sets
 *       flags and wakes waiters, never writes to a socket or blocks.</li>
 * </ul>
 *
 * <h2>Interrupt (Ctrl-C)</h2>
 * {@link #interruptAll()}: hosts not started yet end as interrupted without connecting; each
 * running host sends {@code :interrupt} for its running command and waits up to
 * {@link FanoutSettings#interruptGrace()} for its {@code end}, then closes (the server ends what
 * was still queued); a host still connecting ends when its connect does. {@link #run} waits
 * the grace plus {@value #FORCE_MARGIN_MILLIS} ms for all that, then reports any host still not
 * done as interrupted and returns: partial results, every host accounted for.
 *
 * <h2>Standard input</h2>
 * Not forwarded by this class: the commands' standard input is empty unless an input hook is
 * given ({@link HostInput}; one per host from the factory).
 *
 * <p>Thread safety: one run per runner; {@link #run} is called once, by one thread.
 */
public final class FanoutRunner {

    /** The worker threads' name prefix, for thread dumps and tests. */
    public static final String WORKER_THREAD_PREFIX = "rshell-fanout-";
    /** After the grace of an interrupt, how much longer the run waits before forcing the ends. */
    static final long FORCE_MARGIN_MILLIS = 1000;
    /** How long {@link #run} waits for its workers to stop after shutting the pool down. */
    static final long SHUTDOWN_WAIT_MILLIS = 2000;

    private final FanoutSettings settings;
    private final HostConnector connector;
    private final FanoutOutput output;
    private final Function<Host, HostInput> inputs;
    private final Object lock = new Object();
    // Guarded by lock.
    private List<HostRun> runs = List.of();
    private int remaining;
    private boolean interrupted;
    private long interruptedAt;
    private boolean started;

    public FanoutRunner(FanoutSettings settings, HostConnector connector, FanoutOutput output) {
        this(settings, connector, output, h -> HostInput.NONE);
    }

    /** @param inputs the input hook for each host (see {@link HostInput}) */
    public FanoutRunner(FanoutSettings settings, HostConnector connector, FanoutOutput output,
                        Function<Host, HostInput> inputs) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.output = Objects.requireNonNull(output, "output");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
    }

    /**
     * Runs {@code lines} on every host and returns when every host ended (or, after
     * {@link #interruptAll()}, when the grace ran out).
     *
     * @param hosts the hosts, in the order results are reported; labels unique
     * @param lines command lines, each sent as it is (no control lines, each with a word)
     * @throws IllegalArgumentException for a line that can't be sent as a command line
     */
    public FanoutResult run(List<Host> hosts, List<String> lines) {
        List<String> commands = List.copyOf(lines);
        for (String line : commands) {
            new ClientLine.CommandText(line).toWire(); // refuses ":…", no words, line breaks
        }
        List<HostRun> created = new ArrayList<>(hosts.size());
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("a FanoutRunner runs once");
            }
            started = true;
            for (Host host : hosts) {
                created.add(new HostRun(host, settings, connector, output, commands, inputs.apply(host), this::ended));
            }
            runs = List.copyOf(created);
            remaining = created.size();
            if (interrupted) {
                created.forEach(HostRun::interrupt);
            }
        }
        if (created.isEmpty()) {
            output.finished(List.of());
            return new FanoutResult(List.of(), false);
        }
        ThreadPoolExecutor pool = pool(Math.min(settings.fanout(), created.size()), created.size());
        boolean callerInterrupted = false;
        try {
            for (HostRun run : created) {
                pool.execute(run);
            }
            callerInterrupted = awaitAll();
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                callerInterrupted = true;
            }
        }
        List<HostResult> results = new ArrayList<>(created.size());
        for (HostRun run : created) {
            results.add(run.result());
        }
        output.finished(results);
        boolean wasInterrupted;
        synchronized (lock) {
            wasInterrupted = interrupted;
        }
        if (callerInterrupted) {
            Thread.currentThread().interrupt();
        }
        return new FanoutResult(results, wasInterrupted);
    }

    /**
     * Ctrl-C: interrupts every host's running command, ends the hosts not started, and makes
     * {@link #run} return after the grace. Safe from any thread; never blocks.
     */
    public void interruptAll() {
        List<HostRun> now;
        synchronized (lock) {
            if (interrupted) {
                return;
            }
            interrupted = true;
            interruptedAt = System.nanoTime();
            now = runs;
            lock.notifyAll();
        }
        now.forEach(HostRun::interrupt);
    }

    private void ended(HostResult result) {
        output.ended(result);
        synchronized (lock) {
            remaining--;
            lock.notifyAll();
        }
    }

    /**
     * Waits until every host ended, or until the grace after an interrupt ran out, then forces
     * the rest. An interrupt of the calling thread counts as {@link #interruptAll()}.
     *
     * @return whether the calling thread was interrupted
     */
    private boolean awaitAll() {
        boolean callerInterrupted = false;
        long forceAfter = settings.interruptGrace().toNanos() + TimeUnit.MILLISECONDS.toNanos(FORCE_MARGIN_MILLIS);
        while (true) {
            boolean force = false;
            synchronized (lock) {
                if (remaining == 0) {
                    return callerInterrupted;
                }
                try {
                    if (!interrupted) {
                        lock.wait();
                    } else {
                        long left = interruptedAt + forceAfter - System.nanoTime();
                        if (left <= 0) {
                            force = true;
                        } else {
                            TimeUnit.NANOSECONDS.timedWait(lock, left);
                        }
                    }
                } catch (InterruptedException e) {
                    callerInterrupted = true;
                }
            }
            if (callerInterrupted) {
                interruptAll();
            }
            if (force) {
                for (HostRun run : runs()) {
                    run.force(); // a no-op for hosts that ended
                }
            }
        }
    }

    private List<HostRun> runs() {
        synchronized (lock) {
            return runs;
        }
    }

    private static ThreadPoolExecutor pool(int threads, int hosts) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread t = new Thread(task, WORKER_THREAD_PREFIX + count.incrementAndGet());
            t.setDaemon(true); // a worker stuck connecting must not keep the JVM alive
            return t;
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(hosts), factory);
    }
}
