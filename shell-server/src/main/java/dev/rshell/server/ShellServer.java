package dev.rshell.server;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.config.ServerSettings;
import dev.rshell.server.audit.AuditSink;
import dev.rshell.server.audit.PreLoginAudit;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsContexts;
import dev.rshell.common.tls.TrustSpec;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.PasswordPolicy;
import dev.rshell.config.user.UserStore;
import dev.rshell.server.auth.CertificateLogin;
import dev.rshell.server.auth.LoginThrottle;
import dev.rshell.server.auth.PasswordAuthenticator;
import dev.rshell.server.net.IdleWatchdog;
import dev.rshell.server.net.TlsEndpoint;
import dev.rshell.server.session.ServerCounters;
import dev.rshell.server.policy.Policies;
import javax.net.ssl.SSLContext;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.ServerFacts;
import dev.rshell.server.command.builtin.Builtins;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.exec.OsCommandRunner;
import dev.rshell.server.exec.ProcessJournal;
import dev.rshell.server.net.Acceptor;
import dev.rshell.server.net.WriteWatchdog;
import dev.rshell.server.session.Session;
import dev.rshell.server.session.SessionConfig;
import dev.rshell.server.session.SessionRegistry;
import dev.rshell.server.session.SessionServices;
import dev.rshell.server.thread.ServerThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The server's lifecycle: binds the listener, owns every thread pool, and shuts down.
 *
 * <h2>Threads and who owns them</h2>
 * This class owns the {@link ServerThreads}, which makes every executor and thread (the
 * startup pool, which runs each connection until it has logged in; the session pool, one
 * reader per logged-in session; the runner pool; the job pool; the refusal pool; the timer;
 * the acceptor) as the {@code threads} setting says, and documents which may block on
 * what. {@link #shutdown(String)} closes the sessions, then shuts all of them down.
 *
 * <p>Thread safety: {@link #start()} is called once, from the thread that owns the server (the
 * main thread, or a test). {@link #shutdown(String)} may be called any number of times, from
 * any thread: the {@code shutdown} built-in's own thread and the owner may both call it; the
 * first call shuts down, later ones wait for it to finish.
 */
public final class ShellServer {

    /** Outgoing bytes a session buffers before producers wait. */
    static final int OUTBOX_BYTES = 64 * 1024;

    private final ServerSettings settings;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final ServerIdentity identity;
    private final AuditSink audit;
    private final PreLoginAudit preLoginAudit;
    private final SessionRegistry registry;
    private final ServerThreads threads;
    private ServerSocket serverSocket;
    private Acceptor acceptor;
    private Thread acceptorThread;
    private final ServerCounters counters = new ServerCounters();
    private volatile Runnable shutdownRequest = this::shutdownInBackground;
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    /** Completed with the first shutdown's result when it is over. */
    private final CompletableFuture<Boolean> stopped = new CompletableFuture<>();

    /**
     * @param settings validated settings
     * @param users    the users file
     * @param hasher   verifies passwords (and hashes new ones for {@code passwd})
     * @param identity the TLS key and certificate, or null when {@code tls} is off
     * @param audit    where audit events go
     * @throws IllegalStateException when {@code threads} is virtual on a Java without virtual
     *                               threads (the settings loader refuses that first)
     */
    public ShellServer(ServerSettings settings, UserStore users, PasswordHasher hasher, ServerIdentity identity,
                       AuditSink audit) {
        if (settings.tls() && identity == null) {
            throw new IllegalArgumentException("tls is on but no server identity was given");
        }
        this.settings = settings;
        this.users = users;
        this.hasher = hasher;
        this.identity = settings.tls() ? identity : null;
        this.audit = audit;
        this.preLoginAudit = new PreLoginAudit(audit);
        int max = settings.maxSessions();
        this.registry = new SessionRegistry(max, settings.maxStartups(), settings.maxStartupsPerAddress());
        this.threads = ServerThreads.create(settings.threads(), max, settings.maxStartups(), settings.maxJobs());
    }

    /**
     * Binds and starts accepting.
     *
     * @return the address actually bound (the port is real when {@code port} was 0)
     * @throws IOException when the address can't be bound (port taken, address not local)
     */
    public InetSocketAddress start() throws IOException {
        return start(bind(settings));
    }

    /**
     * Binds the listening socket of a server with these settings, so that a program can find
     * out that the port is taken before it prepares anything else (a first admin, a
     * certificate). Nothing is accepted until {@link #start(ServerSocket)}.
     *
     * @throws IOException when the address can't be bound (port taken, address not local)
     */
    public static ServerSocket bind(ServerSettings settings) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(settings.bind()), settings.port()), 1024);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Starts accepting on a socket {@link #bind} made; the server owns it from now on and
     * closes it at shutdown.
     *
     * @return the address bound
     */
    public InetSocketAddress start(ServerSocket bound) throws IOException {
        ProcessJournal journal = endOrphans();
        serverSocket = bound;
        LoginThrottle throttle = new LoginThrottle(settings.authDelay(), settings.authDelayMax(),
                settings.authBlockAfter(), settings.authBlockWindow(), settings.authBlockTime(), System::nanoTime);
        ServerFacts facts = facts();
        SessionServices services = new SessionServices(sessionConfig(), commands(), facts,
                new PasswordAuthenticator(users, hasher, settings.maxConcurrentLogins(),
                        PasswordPolicy.forSettings(settings)), Policies.of(settings),
                new CertificateLogin(users), tlsEndpoint(), throttle,
                new OsCommandRunner(settings.killGrace(), journal, threads.stdinWriters()),
                threads.runners(), threads.jobs(), threads.timers(), audit, preLoginAudit, registry, counters,
                new ServerOperations(registry, counters, facts.startedAt(), threads.jobs(), threads.timers(),
                        audit, () -> shutdownRequest.run()));
        settings.idleTimeout().ifPresent(limit -> {
            IdleWatchdog idle = new IdleWatchdog(registry, limit, threads.jobs());
            threads.timers().scheduleWithFixedDelay(idle, idle.period().toMillis(), idle.period().toMillis(),
                    TimeUnit.MILLISECONDS);
        });
        long window = PreLoginAudit.WINDOW.toMillis();
        threads.timers().scheduleWithFixedDelay(preLoginAudit::flush, window, window, TimeUnit.MILLISECONDS);
        Duration period = WriteWatchdog.period(settings.writeTimeout());
        threads.timers().scheduleWithFixedDelay(new WriteWatchdog(registry, settings.writeTimeout()),
                period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        acceptor = new Acceptor(serverSocket, services, threads.startups(), threads.sessions(), threads.refusals());
        acceptorThread = threads.thread("rshell-acceptor", false, acceptor);
        acceptorThread.start();
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /**
     * Ends the OS process groups an earlier run on this data directory left behind when it
     * died without its teardown (see {@link ProcessJournal}), before anything new starts.
     */
    private ProcessJournal endOrphans() {
        ProcessJournal journal = ProcessJournal.open(settings.dataDir());
        ProcessJournal.Ended ended = journal.endOrphans(settings.killGrace());
        if (!ended.groups().isEmpty()) {
            audit.record(new AuditEvent.Server(Instant.now(), "orphans-ended", ended.describe()));
        }
        return journal;
    }

    /**
     * Threads busy running session work now (readers, runners, jobs): zero once every session
     * has ended, whatever the pools keep idle for reuse.
     */
    public int busyThreads() {
        return threads.busy();
    }

    /**
     * What to do when the {@code shutdown} built-in's delay is over: by default shut down on a
     * thread of its own; the program's main sets it to end its own wait, so the process exits.
     */
    public void onShutdownRequest(Runnable request) {
        shutdownRequest = request;
    }

    private void shutdownInBackground() {
        threads.thread("rshell-shutdown", true, () -> {
            try {
                shutdown("server shutting down");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).start();
    }

    /** Server-wide counters. */
    public ServerCounters counters() {
        return counters;
    }

    /** The live sessions. */
    public SessionRegistry sessions() {
        return registry;
    }

    /**
     * Stops accepting, warns every session with {@code msg}, closes each with {@code bye}
     * (interrupting its commands), and shuts every pool down within {@code shutdown-timeout}.
     * A call while another runs, or after it, waits for that one (a bounded wait) and answers
     * its result: a second shutdown would hand sessions still closing to pools already shut.
     *
     * @param notice the text of the {@code msg} each session gets first
     * @return true when everything stopped within the deadline
     */
    public boolean shutdown(String notice) throws InterruptedException {
        if (!stopping.compareAndSet(false, true)) {
            try {
                return stopped.get(settings.shutdownTimeout().toNanos() + TimeUnit.SECONDS.toNanos(5),
                        TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        boolean clean = false;
        try {
            clean = stop(notice);
            return clean;
        } finally {
            stopped.complete(clean);
        }
    }

    private boolean stop(String notice) throws InterruptedException {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        if (acceptor != null) {
            acceptor.close();
            acceptorThread.join(TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())) + 1);
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (Session session : registry.all()) {
            // Sessions close in parallel: each may wait kill-grace for its commands.
            closing.add(CompletableFuture.runAsync(() -> {
                session.notice(new ServerLine.Msg(notice).toWire());
                session.close("shutting down");
            }, threads.jobs()));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // Stragglers are cut below when their pools are stopped.
        }
        boolean clean = threads.shutdown(deadline);
        preLoginAudit.close(); // what the last window left out, before the server's stop event
        return clean;
    }

    private TlsEndpoint tlsEndpoint() {
        if (identity == null) {
            return null;
        }
        SSLContext context = TlsContexts.server(identity, TrustSpec.anyValidCertificate());
        return new TlsEndpoint(context, TlsContexts.serverParameters(settings.tlsProtocols(),
                settings.tlsClientAuth()), settings.tlsHandshakeTimeout(), threads.timers());
    }

    private SessionConfig sessionConfig() {
        return new SessionConfig(settings.maxLine(), settings.maxPendingLines(), settings.maxPendingBytes(),
                OUTBOX_BYTES, settings.loginGrace(), settings.maxAuthTries(),
                settings.commandTimeout().orElse(Duration.ZERO), settings.killGrace(), settings.drainTimeout(),
                settings.writeTimeout(), settings.maxJobs(), settings.exec(),
                settings.execPath().stream().map(Object::toString).collect(Collectors.joining(":")),
                settings.lang());
    }

    private static CommandRegistry commands() {
        CommandRegistry registry = new CommandRegistry();
        Builtins.registerAll(registry);
        return registry.freeze();
    }

    private static ServerFacts facts() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return new ServerFacts(host, Instant.now());
    }
}
