package dev.rshell.client.bench;

import dev.rshell.client.connect.SessionFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One load run: {@code clients} {@link LoadClient}s against one {@link Endpoint}, warmed up,
 * then measured together, then closed.
 *
 * <h2>Threading</h2>
 * The calling (main) thread connects the first client alone (its server verification may ask
 * the user, see {@link PinFirstTrust}), then the others with up to {@value #OPENERS} opener
 * threads ({@code rshell-bench-open-N}) so that many logins don't take turns; it then starts one
 * client thread per connection ({@code rshell-bench-client-N}) and joins them all. Each client
 * thread's work is bounded by the run's count or duration and by its {@code --timeout}; each
 * connection's reader thread is joined (bounded) when its client closes it. The measured start is
 * the moment the last client finishes its warm-up (a barrier action), so every client measures
 * from the same instant. When one connection can't be opened, those already open are closed and
 * the run fails with the reason.
 */
final class LoadRun {

    /**
     * Threads that open connections at once, past the first: below the server's default
     * {@code max-startups-per-address} (10), which answers more logins at once from one address
     * with {@code bye busy}.
     */
    static final int OPENERS = 8;

    private final Endpoint endpoint;
    private final LoadSettings settings;
    private final ProgressLine progress;
    private final String label;

    LoadRun(String label, Endpoint endpoint, LoadSettings settings, ProgressLine progress) {
        this.label = label;
        this.endpoint = endpoint;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs the load.
     *
     * @throws SessionFailure when a connection can't be opened or logged in; nothing stays open
     */
    LoadResult run() throws SessionFailure {
        List<LoadClient> clients = newClients();
        open(clients);
        long[] start = new long[1];
        Object startLock = new Object();
        CyclicBarrier barrier = new CyclicBarrier(clients.size(), () -> {
            synchronized (startLock) {
                start[0] = System.nanoTime();
            }
        });
        java.util.function.LongSupplier started = () -> {
            synchronized (startLock) {
                return start[0];
            }
        };
        java.util.function.LongSupplier deadline = settings.duration() == null ? null
                : () -> started.getAsLong() + settings.duration().toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            LoadClient c = clients.get(i);
            Thread t = new Thread(() -> c.run(barrier, deadline), "rshell-bench-client-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
        }
        progress.start(label, settings.requests(), settings.duration() == null ? 0 : settings.duration().toNanos(),
                () -> clients.stream().mapToLong(LoadClient::measuredEnded).sum(), started);
        try {
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                joinUninterruptibly(t);
            }
        } finally {
            progress.stop();
        }
        return result(clients, started.getAsLong());
    }

    private List<LoadClient> newClients() {
        int n = settings.clients();
        long perClientCap = settings.exactCap() / n;
        List<LoadClient> clients = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long measured = settings.duration() != null ? Long.MAX_VALUE : LoadSettings.share(settings.requests(), n, i);
            clients.add(new LoadClient(i + 1, settings.command(), settings.pipeline(),
                    LoadSettings.share(settings.warmup(), n, i), measured, settings.timeout().toNanos(), perClientCap));
        }
        return clients;
    }

    /** Connects every client: the first alone, the rest in parallel. */
    private void open(List<LoadClient> clients) throws SessionFailure {
        clients.get(0).connect(endpoint);
        if (clients.size() == 1) {
            return;
        }
        AtomicInteger next = new AtomicInteger(1);
        AtomicReference<SessionFailure> failure = new AtomicReference<>();
        List<Thread> openers = new ArrayList<>();
        for (int k = 0; k < Math.min(OPENERS, clients.size() - 1); k++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < clients.size() && failure.get() == null;
                        i = next.getAndIncrement()) {
                    try {
                        clients.get(i).connect(endpoint);
                    } catch (SessionFailure e) {
                        failure.compareAndSet(null, e);
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, new SessionFailure("can't connect client " + (i + 1) + ": "
                                + e.getClass().getSimpleName()));
                    }
                }
            }, "rshell-bench-open-" + (k + 1));
            t.setDaemon(true);
            openers.add(t);
            t.start();
        }
        for (Thread t : openers) {
            joinUninterruptibly(t);
        }
        if (failure.get() != null) {
            clients.forEach(LoadClient::abort);
            throw failure.get();
        }
    }

    private LoadResult result(List<LoadClient> clients, long startNanos) {
        long commands = 0;
        long last = 0;
        ErrorCounts errors = ErrorCounts.none();
        List<LatencyRecorder> recorders = new ArrayList<>();
        for (LoadClient c : clients) {
            commands += c.latencies().count();
            if (c.lastEndNanos() != 0 && (last == 0 || c.lastEndNanos() - last > 0)) {
                last = c.lastEndNanos();
            }
            errors = errors.plus(c.errors());
            recorders.add(c.latencies());
        }
        long elapsed = startNanos == 0 || last == 0 ? 0 : Math.max(0, last - startNanos);
        return new LoadResult(label, commands, elapsed, LatencySummary.of(recorders), errors);
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
