package dev.rshell.server.session;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.auth.LoginResult;
import dev.rshell.server.auth.LoginThrottle;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.ServerControl;
import dev.rshell.server.command.Completer;
import dev.rshell.server.policy.AccessPolicy;
import dev.rshell.server.exec.ProcessTracker;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection, from {@code hello} to {@code bye}.
 *
 * <h2>Threading model</h2>
 * <ul>
 *   <li><b>Startup</b> (a thread of the startup pool, running {@link #run()}): owns the socket
 *       until the client has logged in: the TLS handshake, {@code hello}, {@code :login} (the
 *       password check runs here, never on the acceptor) and the control lines sent before it.
 *       Once logged in, it hands the socket and the line reader to a reader and returns.</li>
 *   <li><b>Reader</b> (a thread of the session pool): owns the socket's input from the login
 *       on. It answers {@code :ping}, {@code :interrupt} and {@code :complete} at once, and
 *       numbers command lines into the bounded {@link CommandQueue}. When the queue is full it
 *       blocks there and stops reading the socket. An idle session is this one blocked thread,
 *       and its line reader holds no buffer until the client sends again.<br>
 *       Why two threads rather than one: a platform thread's stack pages stay resident once
 *       touched, and the handshake and the login are the deepest code a session runs (the
 *       deepest still interpreted, for a young server, and the interpreter touches a further
 *       80 KiB below each frame to check for stack overflow). A reader that never ran them
 *       holds a fraction of that for as long as the session stays idle, while a handful of
 *       startup threads, reused, carry the deep stacks. The hand-off costs one thread switch
 *       per login.</li>
 *   <li><b>Runner</b> ({@link CommandRunner}, on the runner pool): started by the reader when
 *       the queue becomes non-empty, it runs commands one after another and retires when the
 *       queue drains: one hand-off per command. It flushes output when the queue is empty or
 *       before a command that may block.</li>
 *   <li><b>Jobs</b> (job pool): one thread per running background ({@code &}) command.</li>
 *   <li><b>Writes</b>: no thread of their own. Every producer appends whole lines to the
 *       {@link Outbox}; whoever flushes writes to the socket. A write stalled past
 *       {@code write-timeout} is cut by the server's watchdog, which closes the socket.</li>
 * </ul>
 *
 * <h2>Teardown</h2>
 * Every ending (client gone, {@code :quit}, {@code exit}, login timeout, too many failures,
 * write timeout, kick, shutdown) goes through {@link #close(String)}: once, from whichever
 * thread ends the session. It stops the queue, interrupts every running command and waits,
 * bounded, for their {@code end} lines, ends the session's OS process trees, writes
 * {@code bye}, half-closes and drains briefly so the last lines are not lost to a reset,
 * closes the socket, and frees the session's slot. I/O failures seen by other threads only
 * close the socket; the reader then sees the failure and runs the teardown.
 *
 * <p>Thread safety: thread-safe as described; fields shared between threads are volatile or
 * guarded by the objects that own them.
 */
public final class Session implements Runnable {

    private static final long END_WAIT_EXTRA_NANOS = TimeUnit.SECONDS.toNanos(2);


    private final long id;
    private final SessionConnection connection;
    private final SessionServices services;
    private final SessionConfig config;
    private volatile Outbox outbox;
    private final CommandQueue queue;
    private final ProcessTracker processes = new ProcessTracker();
    private final Map<Long, RunningCommand> running = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean startupSlotHeld = new AtomicBoolean(true);
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CommandRunner runner;
    private final Instant connectedAt = Instant.now();
    private final String address;
    private volatile Thread readerThread;
    /** Where the session reads once logged in; set by {@link #start} before any thread runs. */
    private Executor readers;
    private volatile RunningCommand foreground;
    private volatile String user;
    private volatile String role;
    private volatile Path home;
    private volatile SessionState state;
    private volatile AccessPolicy policy;
    private volatile CommandRegistry visibleCommands;
    private volatile String pendingReason;
    private volatile boolean endRequested;
    private volatile long lastInputNanos = System.nanoTime();
    private volatile boolean idleWarned;
    private long nextNumber = 1;
    private int failedLogins;

    /**
     * @param id       the session's id, unique in this server run
     * @param socket   the accepted connection; the session owns and closes it
     * @param services what sessions share
     */
    public Session(long id, Socket socket, SessionServices services) {
        this.id = id;
        this.connection = new SessionConnection(socket, services.tls());
        this.services = services;
        this.config = services.config();
        this.address = connection.address();
        this.queue = new CommandQueue(config.maxPendingLines(), config.maxPendingBytes());
        this.runner = new CommandRunner(this);
    }

    /**
     * Registers the session and hands its startup to {@code startups}; once logged in, the
     * session reads on a thread of {@code readers}. If either pool refuses, the session ends
     * ({@code bye busy} before login) and its slot is given back.
     */
    public void start(Executor startups, Executor readers) {
        this.readers = readers;
        services.registry().add(this);
        try {
            startups.execute(this);
        } catch (RejectedExecutionException e) {
            readerDone.countDown(); // no reader will ever run: nothing to wait for
            close("busy");
        }
    }

    /** The session's id. */
    public long id() {
        return id;
    }

    /** The client's address. */
    public String address() {
        return address;
    }

    /** The logged-in user, or null before login. */
    public String user() {
        return user;
    }

    String role() {
        return role;
    }

    Path home() {
        return home;
    }

    /** When the connection was accepted. */
    public Instant connectedAt() {
        return connectedAt;
    }

    /** When the current socket write began ({@link System#nanoTime()}), or 0 when none is. */
    public long writeStartedNanos() {
        Outbox o = outbox;
        return o == null ? 0 : o.writeStartedNanos();
    }

    AccessPolicy policy() {
        return policy;
    }

    /** The built-ins this session's user may run. */
    CommandRegistry visibleCommands() {
        return visibleCommands;
    }

    Outbox outbox() {
        return outbox;
    }

    SessionServices services() {
        return services;
    }

    SessionState state() {
        return state;
    }

    CommandQueue queue() {
        return queue;
    }

    ProcessTracker processes() {
        return processes;
    }

    Map<Long, RunningCommand> running() {
        return running;
    }

    void setForeground(RunningCommand command) {
        foreground = command;
    }

    boolean isClosing() {
        return closing.get();
    }

    /** Sends a {@code msg}-style line at once unless the session is closing; never blocks long. */
    public void notice(String line) {
        Outbox o = outbox;
        if (!closing.get() && o != null) {
            o.sendUninterruptibly(line);
        }
    }

    /** This session as {@code who} shows it. */
    public ServerControl.SessionInfo info() {
        RunningCommand fg = foreground;
        return new ServerControl.SessionInfo(id, user, address, connectedAt, idleFor(),
                Optional.ofNullable(fg).map(RunningCommand::line).map(Session::withoutSecrets));
    }

    /** A command line as others may see it: {@code passwd}'s arguments are passwords. */
    static String withoutSecrets(String line) {
        String trimmed = line.strip();
        return trimmed.equals("passwd") || trimmed.startsWith("passwd ") || trimmed.startsWith("passwd\t")
                ? "passwd" : line;
    }

    /** How long the client has sent nothing. */
    public java.time.Duration idleFor() {
        return java.time.Duration.ofNanos(System.nanoTime() - lastInputNanos);
    }

    /**
     * True when the session counts as idle: logged in, no input for a while, and no command
     * running (a running command, {@code tail -f} included, is activity).
     */
    public boolean isIdle(java.time.Duration limit) {
        return user != null && running.isEmpty() && idleFor().compareTo(limit) >= 0;
    }

    /** Warns once per idle spell; answers true when this call sent the warning. */
    public boolean warnIdleOnce(String text) {
        if (idleWarned) {
            return false;
        }
        idleWarned = true;
        notice(new ServerLine.Msg(text).toWire());
        return true;
    }

    /** Background commands still running, by number. */
    List<CommandContext.Job> jobs() {
        return running.values().stream().filter(RunningCommand::background)
                .sorted(java.util.Comparator.comparingLong(RunningCommand::number))
                .map(c -> new CommandContext.Job(c.number(), c.line(), c.startedAt())).toList();
    }

    boolean interruptJob(long number) {
        RunningCommand job = running.get(number);
        return job != null && job.background() && job.cancelWith(130, () -> { });
    }

    /**
     * Checks the user's own password for {@code passwd} and stores the new one. A wrong old
     * password counts as a failed login of this address (delay, then block), so
     * {@code passwd} can't be used to guess faster than {@code :login}.
     */
    boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException {
        if (services.authenticator().changePassword(user, oldPassword, newPassword)) {
            return true;
        }
        services.audit().record(new AuditEvent.Login(Instant.now(), id, address, user, false,
                "wrong old password for passwd"));
        Thread.sleep(services.throttle().failed(address).toMillis());
        return false;
    }

    java.util.OptionalInt awaitJob(long number) throws InterruptedException {
        RunningCommand job = running.get(number);
        if (job == null || !job.background()) {
            return java.util.OptionalInt.empty();
        }
        job.awaitEnded(Long.MAX_VALUE);
        return java.util.OptionalInt.of(job.endStatus());
    }

    /** Asked by {@code exit}: the runner closes the session after the command's {@code end}. */
    void endAfterCurrentCommand() {
        endRequested = true;
    }

    boolean endRequested() {
        return endRequested;
    }

    /** The startup: TLS, {@code hello}, login; then the hand-over to a reader. */
    @Override
    public void run() {
        reading(() -> {
            services.audit().record(new AuditEvent.Connected(Instant.now(), id, address));
            Optional<String> fingerprint;
            try {
                fingerprint = connection.establish();
            } catch (SessionConnection.NotServed e) {
                if (e.bye != null) {
                    connection.writePlain(e.bye);
                }
                pendingReason = e.getMessage();
                return false;
            }
            outbox = new Outbox(connection.output(), config.outboxBytes(), this::writeFailed,
                    services.counters().bytesOut);
            if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
                pendingReason = blockedReason(blocked); // the teardown says it in bye, instead of hello
                services.audit().record(new AuditEvent.Refused(Instant.now(), address, pendingReason));
                return false;
            }
            Optional<LoginResult.Success> byCertificate = fingerprint.flatMap(services.certificates()::login);
            outbox.append(new ServerLine.Hello(Protocol.VERSION, services.facts().hostName(),
                    services.tls() != null && services.tls().asksForCertificates()
                            ? List.of("password", "certificate") : List.of("password"),
                    byCertificate.map(LoginResult.Success::user).orElse(null)).toWire());
            if (byCertificate.isPresent()) {
                services.audit().record(new AuditEvent.Login(Instant.now(), id, address, byCertificate.get().user(),
                        true, "certificate " + fingerprint.get()));
                startShell(byCertificate.get(), false);
            } else {
                outbox.flush();
            }
            LineReader reader = new LineReader(connection.input(), config.maxLine());
            if (!readLoop(reader, true)) {
                return false;
            }
            reader.release(); // an idle session holds no read buffer until its client sends again
            return handOver(reader);
        });
    }

    /**
     * Continues on a reader thread; false when the reader pool refused (the caller then tears
     * the session down).
     */
    private boolean handOver(LineReader reader) {
        try {
            readers.execute(() -> reading(() -> readLoop(reader, false)));
            return true;
        } catch (RejectedExecutionException e) {
            // The reader pool is sized for max-sessions, so this is as rare as the runner's case,
            // and to the client it means the same: the server can't serve this session.
            pendingReason = "server overloaded: no thread to run commands";
            return false;
        }
    }

    /** A stretch of the session on one thread; true when another thread carries it on. */
    private interface Stretch {
        boolean run() throws IOException, InterruptedException;
    }

    /**
     * Runs {@code stretch} as the thread that owns the socket's input, and tears the session
     * down when it ends, unless it handed the session on.
     */
    private void reading(Stretch stretch) {
        readerThread = Thread.currentThread();
        String reason = "connection closed by client";
        boolean handedOver = false;
        try {
            handedOver = stretch.run();
        } catch (SocketTimeoutException e) {
            reason = user == null ? "login timeout" : "read timeout";
        } catch (IOException e) {
            reason = "connection lost: " + e.getMessage();
        } catch (InterruptedException e) {
            reason = "server stopping";
            Thread.currentThread().interrupt();
        } finally {
            if (!handedOver) {
                readerDone.countDown();
                close(pendingReason != null ? pendingReason : reason);
            }
        }
    }

    /**
     * Reads and handles lines until the client hangs up or, with {@code untilLoggedIn}, until it
     * has logged in.
     *
     * @return true when it stopped because the client logged in
     */
    private boolean readLoop(LineReader reader, boolean untilLoggedIn) throws IOException, InterruptedException {
        long graceDeadline = System.nanoTime() + config.loginGrace().toNanos();
        while (true) {
            if (user != null && untilLoggedIn && !closing.get()) {
                return true;
            }
            if (user == null && !closing.get()) {
                long left = graceDeadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("login grace over");
                }
                connection.setReadTimeout(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            LineReader.Line line = reader.readLine();
            if (line == null) {
                return false;
            }
            if (closing.get()) {
                continue; // draining: the teardown is waiting for the client to hang up
            }
            lastInputNanos = System.nanoTime();
            idleWarned = false;
            services.counters().bytesIn.add(line.bytes() + 1);
            if (line.isTooLong()) {
                tooLong(line.bytes());
            } else {
                handle(ClientLine.classify(line.text()), line.bytes());
            }
            if (!reader.hasBufferedBytes()) {
                reader.trim();
            }
        }
    }

    private void tooLong(long bytes) throws InterruptedException {
        if (user == null) {
            outbox.send(new ServerLine.No("line too long: " + bytes + " bytes (max-line is "
                    + config.maxLine() + ")").toWire());
        } else {
            enqueue(new CommandQueue.TooLongItem(nextNumber++, bytes));
        }
    }

    private void handle(ClientLine line, long bytes) throws InterruptedException, IOException {
        if (line instanceof ClientLine.CommandText c) {
            if (user == null) {
                outbox.send(new ServerLine.No("login first").toWire());
            } else {
                enqueue(new CommandQueue.CommandItem(nextNumber++, c.text(), bytes));
            }
        } else if (line instanceof ClientLine.Blank) {
            return;
        } else if (line instanceof ClientLine.BadControl b) {
            outbox.send(new ServerLine.No(b.reply()).toWire());
        } else if (line instanceof ClientLine.Ping p) {
            outbox.send(new ServerLine.Ok(p.text().isEmpty() ? "pong" : "pong " + p.text()).toWire());
        } else if (line instanceof ClientLine.Login l) {
            if (user == null) {
                login(l);
            } else {
                enqueue(new CommandQueue.ReplyItem(new ServerLine.No("already logged in").toWire()));
            }
        } else if (line instanceof ClientLine.Quit) {
            if (user == null) {
                pendingReason = "goodbye";
                close("goodbye");
            } else {
                enqueue(new CommandQueue.QuitItem());
            }
        } else if (user == null) {
            outbox.send(new ServerLine.No("login first").toWire());
        } else if (line instanceof ClientLine.Interrupt i) {
            interrupt(i.command());
        } else if (line instanceof ClientLine.Complete c) {
            boolean any = config.execEnabled() && policy.anyProgram();
            List<String> words = new Completer(visibleCommands, any,
                    config.execEnabled() ? policy.allowedProgramNames() : java.util.Set.of(), policy::mayRead)
                    .complete(c.line(), state.workingDirectory(), home,
                            any ? state.variable("PATH") : config.execPath());
            outbox.send(new ServerLine.Ok(String.join(" ", words)).toWire());
        }
    }

    private void enqueue(CommandQueue.Item item) throws InterruptedException {
        if (queue.put(item)) {
            runner.start(services.runners());
        }
    }

    private void interrupt(long number) throws InterruptedException {
        RunningCommand target = number < 0 ? foreground : running.get(number);
        boolean done = target != null && target.cancelWith(130,
                () -> outbox.sendUninterruptibly(new ServerLine.Ok("").toWire()));
        if (!done) {
            outbox.send(new ServerLine.No(number < 0 ? "no command is running"
                    : "no such running command: " + number).toWire());
        }
    }

    private static String blockedReason(LoginThrottle.Verdict.Blocked blocked) {
        return "blocked: too many failed logins from your address; try again in "
                + Math.max(1, (blocked.remaining().toMillis() + 999) / 1000) + " s";
    }

    private void login(ClientLine.Login attempt) throws InterruptedException, IOException {
        if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
            pendingReason = blockedReason(blocked);
            close(pendingReason);
            return;
        }
        LoginResult result = services.authenticator().authenticate(attempt.user(), attempt.password(),
                connection.inetAddress());
        if (result instanceof LoginResult.Success ok) {
            services.audit().record(new AuditEvent.Login(Instant.now(), id, address, ok.user(), true, ""));
            startShell(ok, true);
            return;
        }
        String reason = ((LoginResult.Failure) result).reason();
        services.audit().record(new AuditEvent.Login(Instant.now(), id, address, attempt.user(), false, reason));
        failedLogins++;
        // The growing delay is what makes guessing slow; the reader holds no lock meanwhile.
        Thread.sleep(services.throttle().failed(address).toMillis());
        if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
            pendingReason = blockedReason(blocked);
            close(pendingReason);
        } else if (failedLogins >= config.maxAuthTries()) {
            pendingReason = "too many failed logins";
            close(pendingReason);
        } else {
            outbox.send(new ServerLine.No("login failed").toWire());
        }
    }

    private void startShell(LoginResult.Success ok, boolean answerLogin) throws InterruptedException, IOException {
        Path dir = ok.home().toAbsolutePath().normalize();
        String notice = null;
        if (!Files.isDirectory(dir)) {
            notice = "home directory " + dir + " is missing; starting in /";
            dir = Path.of("/");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", ok.home().toString());
        env.put("USER", ok.user());
        env.put("LOGNAME", ok.user());
        env.put("LANG", config.lang());
        env.put("PATH", config.execPath());
        state = new SessionState(env, dir);
        policy = services.policies().forUser(ok.role(), ok.home());
        visibleCommands = policy.visible(services.commands());
        home = ok.home();
        role = ok.role();
        user = ok.user();
        releaseStartupSlot();
        connection.setReadTimeout(0);
        if (answerLogin) {
            outbox.append(new ServerLine.Ok("logged in as " + ok.user() + " (" + ok.role() + ")").toWire());
        }
        if (notice != null) {
            outbox.append(new ServerLine.Msg(notice).toWire());
        }
        outbox.send(new ServerLine.Cwd(dir.toString()).toWire());
    }

    private void releaseStartupSlot() {
        if (startupSlotHeld.compareAndSet(true, false)) {
            services.registry().startupEnded(this);
        }
    }

    /** A write failed on some producer's thread: cut the socket; the reader tears down. */
    private void writeFailed(IOException e) {
        if (pendingReason == null) {
            pendingReason = "connection lost: " + e.getMessage();
        }
        connection.abort();
    }

    /**
     * Drops the session because its client stopped reading: called by the watchdog. Closing
     * the socket fails the stalled write; the reader thread then runs the teardown.
     */
    public void abort(String reason) {
        pendingReason = reason;
        connection.abort();
    }

    /**
     * Ends the session (see the class comment); idempotent, callable from any thread. Blocks
     * for at most about {@code kill-grace} + {@code drain-timeout} + a few seconds.
     */
    public void close(String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        Outbox o = outbox;
        try {
            queue.close();
            endRunningCommands();
            if (o != null && !o.isClosed()) {
                o.sendUninterruptibly(new ServerLine.Bye(reason).toWire());
                o.drain(config.writeTimeout().toNanos());
            }
            connection.halfCloseAndDrain(Math.max(1, config.drainTimeout().toMillis()),
                    Thread.currentThread() == readerThread, readerDone);
        } finally {
            connection.close();
            if (o != null) {
                o.close();
            }
            processes.killAll(config.killGrace());
            services.audit().record(new AuditEvent.Disconnected(Instant.now(), id, user, address, reason));
            releaseStartupSlot();
            services.registry().remove(this);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Cancels every running command and waits, bounded, for their {@code end} lines. A command
     * the runner registers while this runs sees {@link #isClosing()} and cancels itself, so
     * the loop looks again until none is left.
     */
    private void endRunningCommands() {
        long deadline = System.nanoTime() + config.killGrace().toNanos() + END_WAIT_EXTRA_NANOS;
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            for (RunningCommand command : running.values()) {
                command.cancelWith(130, () -> { });
            }
            for (RunningCommand command : running.values()) {
                try {
                    command.awaitEnded(Math.max(0, deadline - System.nanoTime()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
