package dev.rshell.server;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.audit.AuditSink;
import dev.rshell.server.command.ServerControl;
import dev.rshell.server.session.ServerCounters;
import dev.rshell.server.session.Session;
import dev.rshell.server.session.SessionRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server-wide operations of {@link ServerControl}, over the session registry.
 *
 * <p>Threading: called from command threads. Ending other sessions can block (their commands
 * get {@code kill-grace}), so kicks run on the job pool; a shutdown is scheduled on the timer
 * thread and then handed to the server's shutdown request.
 *
 * <p>Thread safety: thread-safe.
 */
final class ServerOperations implements ServerControl {

    private final SessionRegistry registry;
    private final ServerCounters counters;
    private final Instant startedAt;
    private final Executor closer;
    private final ScheduledExecutorService timers;
    private final AuditSink audit;
    private final Runnable shutdownRequest;

    ServerOperations(SessionRegistry registry, ServerCounters counters, Instant startedAt, Executor closer,
                     ScheduledExecutorService timers, AuditSink audit, Runnable shutdownRequest) {
        this.registry = registry;
        this.counters = counters;
        this.startedAt = startedAt;
        this.closer = closer;
        this.timers = timers;
        this.audit = audit;
        this.shutdownRequest = shutdownRequest;
    }

    @Override
    public List<SessionInfo> sessions() {
        return registry.all().stream().map(Session::info).sorted(Comparator.comparingLong(SessionInfo::id)).toList();
    }

    @Override
    public int broadcast(String text) {
        int reached = 0;
        for (Session session : registry.all()) {
            if (session.user() != null) {
                session.notice(new ServerLine.Msg(text).toWire());
                reached++;
            }
        }
        return reached;
    }

    @Override
    public boolean kick(long id, String reason, String by) {
        for (Session session : registry.all()) {
            if (session.id() == id) {
                audit.record(new AuditEvent.Kicked(Instant.now(), id, session.user(), session.address(), by, reason));
                closer.execute(() -> session.close(reason));
                return true;
            }
        }
        return false;
    }

    @Override
    public void shutdown(Duration delay, String by) {
        broadcast("server shutting down in " + delay.toSeconds() + " s (asked by " + by + ")");
        timers.schedule(shutdownRequest, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Stats stats() {
        Runtime rt = Runtime.getRuntime();
        return new Stats(Duration.between(startedAt, Instant.now()), registry.count(), registry.peak(),
                counters.commandsRun(), counters.commandsFailed(), counters.bytesIn(), counters.bytesOut(),
                ManagementFactory.getThreadMXBean().getThreadCount(), rt.totalMemory() - rt.freeMemory(),
                rt.maxMemory(), residentBytes(), openFileDescriptors());
    }

    /** VmRSS from /proc, where there is one. */
    static Optional<Long> residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring(6).trim().split("\\s+")[0];
                    return Optional.of(Long.parseLong(kb) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc here
        }
        return Optional.empty();
    }

    /** Entries of /proc/self/fd, where there is one. */
    static Optional<Integer> openFileDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return Optional.of((int) fds.count());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
