package dev.rshell.server.session;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.auth.LoginResult;
import dev.rshell.server.auth.LoginThrottle;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.ServerControl;
import dev.rshell.server.policy.AccessPolicy;
import dev.rshell.server.exec.ProcessTracker;
import dev.rshell.server.net.PreLoginDeadline;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 *       and its line reader holds no buffer until the client sends again. What it does per
 *       line is in {@link LineDispatcher}, logging in in {@link SessionLogin}.<br>
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
 *       before a command that may block. An instant built-in (echo, pwd, cd...) that arrives
 *       while nothing is queued or running runs on the reader itself, with no hand-off; the
 *       reader then flushes once it has handled all the input it has, and may block in
 *       that write like any flusher, for at most {@code write-timeout}.</li>
 *   <li><b>Jobs</b> (job pool): one thread per running background ({@code &}) command.</li>
 *   <li><b>Writes</b>: no thread of their own. Every producer appends whole lines to the
 *       {@link Outbox}; whoever flushes writes to the socket. A write stalled past
 *       {@code write-timeout} is cut by the server's watchdog, which closes the socket.</li>
 * </ul>
 *
 * <h2>State</h2>
 * The session's life is one explicit {@link SessionPhase} (AUTH, READY, CLOSING, CLOSED) that
 * only moves forward; what the login settled is one {@link LoggedIn} value published before
 * the phase becomes READY. The command path sees the session only through
 * {@link CommandHost}: never the socket, the login or the teardown's steps.
 *
 * <h2>Teardown</h2>
 * Every ending (client gone, {@code :quit}, {@code exit}, login timeout, too many failures,
 * write timeout, kick, shutdown, a newcomer taking its not-yet-logged-in place) goes through
 * {@link #close(String)}: once, from whichever
 * thread ends the session. It stops the queue, interrupts every running command and waits,
 * bounded, for their {@code end} lines, ends the session's OS process trees, writes
 * {@code bye}, half-closes and drains briefly so the last lines are not lost to a reset,
 * closes the socket, and frees the session's slot. I/O failures seen by other threads only
 * close the socket; the reader then sees the failure and runs the teardown.
 *
 * <p>Thread safety: thread-safe as described; fields shared between threads are volatile or
 * guarded by the objects that own them.
 */
public final class Session implements Runnable, CommandHost {

    private static final long END_WAIT_EXTRA_NANOS = TimeUnit.SECONDS.toNanos(2);


    private final long id;
    private final SessionConnection connection;
    private final SessionServices services;
    private final SessionConfig config;
    private volatile Outbox outbox;
    private final CommandQueue queue;
    private final PendingAudit pendingAudit;
    private final ProcessTracker processes = new ProcessTracker();
    private final CommandTable commandTable = new CommandTable();
    private final GrantedFeatures features = new GrantedFeatures();
    private final InputTable inputs;
    /** Where the session is in its life; see {@link SessionPhase} for who moves it. */
    private final java.util.concurrent.atomic.AtomicReference<SessionPhase> phase =
            new java.util.concurrent.atomic.AtomicReference<>(SessionPhase.AUTH);
    /** Set once, at login, before the phase becomes READY: what the login settled. */
    private volatile LoggedIn shell;
    /** Set once this session's {@code connect} event is in the log. */
    private final AtomicBoolean connectAudited = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final CommandRunner runner;
    private final Instant connectedAt = Instant.now();
    private final long acceptedNanos = System.nanoTime();
    private final String address;
    private volatile Thread readerThread;
    /** Where the session reads once logged in; set by {@link #start} before any thread runs. */
    private Executor readers;
    private volatile String pendingReason;
    private volatile boolean endRequested;
    private volatile long lastInputNanos = System.nanoTime();
    private volatile boolean idleWarned;
    private final SessionLogin login = new SessionLogin(this);
    /** Ends the connection at {@code login-grace} after accept; cancelled at login. */
    private volatile PreLoginDeadline loginDeadline;
    /** This connection's not-yet-logged-in place, as admission sees it. */
    private final StartupSlot slot;
    private final LineDispatcher dispatcher;

    /**
     * @param id       the session's id, unique in this server run
     * @param socket   the accepted connection; the session owns and closes it
     * @param services what sessions share
     */
    public Session(long id, Socket socket, SessionServices services) {
        this.id = id;
        this.address = socket.getInetAddress().getHostAddress();
        this.slot = new StartupSlot(address, this::evicted);
        this.connection = new SessionConnection(socket, services.tls(),
                () -> slot.advance(StartupSlot.Progress.STARTED));
        this.services = services;
        this.config = services.config();
        this.queue = new CommandQueue(config.maxPendingLines(), config.maxPendingBytes());
        this.pendingAudit = new PendingAudit(services.audit());
        this.inputs = new InputTable(number -> bytes -> {
            Outbox o = outbox;
            if (o != null) {
                o.sendUninterruptibly(new ServerLine.More(number, bytes).toWire());
            }
        });
        this.runner = new CommandRunner(this, new CommandAudit(pendingAudit, services.counters(), id,
                this::user, address));
        this.dispatcher = new LineDispatcher(this, runner);
    }

    /**
     * Registers the session and hands its startup to {@code startups}; once logged in, the
     * session reads on a thread of {@code readers}. If either pool refuses, the session ends
     * ({@code bye busy} before login) and its slot is given back.
     */
    public void start(Executor startups, Executor readers) {
        this.readers = readers;
        loginDeadline = PreLoginDeadline.arm(services.timers(), config.loginGrace(), connection.raw(),
                this::loginGraceOver);
        services.registry().add(this, slot);
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
        LoggedIn s = shell;
        return s == null ? null : s.user();
    }

    /** True once the client has logged in (and ever after, closing included). */
    boolean loggedIn() {
        return shell != null;
    }

    @Override
    public LoggedIn shell() {
        return shell;
    }

    /** Where the session is in its life. */
    SessionPhase phase() {
        return phase.get();
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

    @Override
    public Outbox outbox() {
        return outbox;
    }

    @Override
    public SessionServices services() {
        return services;
    }

    @Override
    public CommandQueue queue() {
        return queue;
    }

    PendingAudit pendingAudit() {
        return pendingAudit;
    }

    ProcessTracker processes() {
        return processes;
    }

    @Override
    public CommandTable commandTable() {
        return commandTable;
    }

    /** The protocol features granted to this session's client. */
    @Override
    public GrantedFeatures features() {
        return features;
    }

    /** The standard inputs of this session's commands. */
    @Override
    public InputTable inputs() {
        return inputs;
    }

    @Override
    public boolean isClosing() {
        return phase.get().closing();
    }

    @Override
    public boolean changePassword(char[] oldPassword, char[] newPassword) throws InterruptedException {
        return login.changePassword(oldPassword, newPassword);
    }

    /** Sends a {@code msg}-style line at once unless the session is closing; never blocks long. */
    public void notice(String line) {
        Outbox o = outbox;
        if (!isClosing() && o != null) {
            o.sendUninterruptibly(line);
        }
    }

    /** This session as {@code who} shows it. */
    public ServerControl.SessionInfo info() {
        RunningCommand fg = commandTable.foreground();
        return new ServerControl.SessionInfo(id, user(), address, connectedAt, idleFor(),
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
        return loggedIn() && commandTable.isEmpty() && idleFor().compareTo(limit) >= 0;
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

    /**
     * What to do at {@code login-grace}, asked on the timer thread. Not yet while a
     * {@code :login} read in time is being verified (that check is bounded, and its result
     * still counts). Before {@code hello} (a TLS handshake under way) the deadline cuts the
     * socket; after it, the session closes itself on the job pool so that the client reads
     * {@code bye login timeout}, in plain text or in TLS.
     */
    private PreLoginDeadline.Expiry loginGraceOver() {
        if (slot.checkingLogin()) {
            return PreLoginDeadline.Expiry.NOT_YET;
        }
        if (pendingReason == null) {
            pendingReason = "login timeout";
        }
        if (outbox != null) {
            try {
                services.jobs().execute(() -> close("login timeout"));
                return PreLoginDeadline.Expiry.HANDLED;
            } catch (RejectedExecutionException e) {
                // no thread to close it: the deadline cuts it instead
            }
        }
        return PreLoginDeadline.Expiry.CUT;
    }

    /** Marks the password check of a {@code :login} as running (true) or over (false). */
    void verifyingLogin(boolean running) {
        slot.checkingLogin(running);
    }

    /** Records that a {@code :login} arrived: admission drops such a connection last. */
    void triedLogin() {
        slot.advance(StartupSlot.Progress.TRIED_LOGIN);
    }

    /**
     * Ends a connection whose place a newcomer took (called by the registry on the acceptor
     * thread, so it must not block): the deadline cuts it now, the thread reading it sees the
     * end of the stream and tears it down, saying {@link SessionRegistry#EVICTED} where a line
     * can still be written. Its {@code disconnect} goes to the audit log with that reason,
     * within the pre-login budget like every pre-login event.
     */
    private void evicted() {
        if (isClosing()) {
            return; // ending anyway; only its place was taken early
        }
        if (pendingReason == null) {
            pendingReason = SessionRegistry.EVICTED;
        }
        PreLoginDeadline deadline = loginDeadline;
        if (deadline != null) {
            deadline.cutNow();
        } else {
            connection.abort();
        }
    }

    /**
     * Records a successful login, preceded by the session's {@code connect} (with the time of
     * the accept) unless that is in the log already: neither counts against the pre-login
     * budget, so a flood can't keep a real login's {@code connect} out of the log.
     */
    void auditLogin(AuditEvent.Login ok) {
        if (connectAudited.compareAndSet(false, true)) {
            services.audit().recordAll(List.of(new AuditEvent.Connected(connectedAt, id, address), ok));
        } else {
            services.audit().record(ok);
        }
    }

    /**
     * Records an event of this session before login, with its {@code connect} when that is not
     * in the log yet, within the pre-login budget ({@link dev.rshell.server.audit.PreLoginAudit}).
     */
    void auditPreLogin(AuditEvent event) {
        if (connectAudited.get() && event instanceof AuditEvent.Disconnected gone) {
            services.preLoginAudit().recordPaid(address, gone); // its connect paid for it
        } else if (connectAudited.get()) {
            services.preLoginAudit().record(address, event);
        } else if (services.preLoginAudit().record(address,
                List.of(new AuditEvent.Connected(connectedAt, id, address), event))) {
            connectAudited.set(true);
        }
    }

    /** Asked by {@code exit}: the runner closes the session after the command's {@code end}. */
    @Override
    public void endAfterCurrentCommand() {
        endRequested = true;
    }

    @Override
    public boolean endRequested() {
        return endRequested;
    }

    /** The startup: TLS, {@code hello}, login; then the hand-over to a reader. */
    @Override
    public void run() {
        reading(() -> {
            Optional<String> fingerprint;
            try {
                fingerprint = connection.establish();
            } catch (SessionConnection.NotServed e) {
                if (e.bye != null) {
                    connection.writePlain(e.bye);
                }
                if (pendingReason == null) { // an eviction's reason stays
                    pendingReason = e.getMessage();
                }
                return false;
            }
            if (services.tls() != null) {
                slot.advance(StartupSlot.Progress.SECURED);
            }
            outbox = new Outbox(connection.output(), config.outboxBytes(), this::writeFailed, pendingAudit::commit,
                    services.counters().bytesOut);
            if (services.throttle().check(address) instanceof LoginThrottle.Verdict.Blocked blocked) {
                pendingReason = SessionLogin.blockedReason(blocked); // the teardown says it in bye, instead of hello
                auditPreLogin(new AuditEvent.Refused(Instant.now(), address, pendingReason));
                return false;
            }
            Optional<LoginResult.Success> byCertificate = fingerprint.flatMap(services.certificates()::login);
            outbox.append(new ServerLine.Hello(Protocol.VERSION_1_1, services.facts().hostName(),
                    services.tls() != null && services.tls().asksForCertificates()
                            ? List.of("password", "certificate") : List.of("password"),
                    byCertificate.map(LoginResult.Success::user).orElse(null)).toWire());
            if (byCertificate.isPresent()) {
                auditLogin(new AuditEvent.Login(Instant.now(), id, address, byCertificate.get().user(),
                        true, "certificate " + fingerprint.get()));
                login.startShell(byCertificate.get(), false);
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
            reason = loggedIn() ? "read timeout" : "login timeout";
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
        // The read timeout only spares the deadline's work for a silent client; the deadline
        // itself (loginDeadline) is what a trickle of bytes can't extend.
        long graceDeadline = acceptedNanos + config.loginGrace().toNanos();
        while (true) {
            if (loggedIn() && untilLoggedIn && !isClosing()) {
                return true;
            }
            if (!loggedIn() && !isClosing()) {
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
            if (isClosing()) {
                continue; // draining: the teardown is waiting for the client to hang up
            }
            lastInputNanos = System.nanoTime();
            idleWarned = false;
            services.counters().bytesIn.add(line.bytes() + 1);
            if (line.isTooLong()) {
                dispatcher.tooLong(line.bytes());
            } else {
                dispatcher.handle(ClientLine.classify(line.text()), line.bytes());
            }
            if (!reader.hasBufferedLine()) {
                // Every whole line the client sent so far is handled: what instant commands
                // run here wrote goes out now, in one write for a pipelined burst.
                outbox.flush();
            }
            if (!reader.hasBufferedBytes()) {
                reader.trim();
            }
        }
    }

    /**
     * Marks the session logged in, called by {@link SessionLogin} on the startup thread. The
     * not-yet-logged-in place is given back first, which is also what settles a race with a
     * newcomer taking it. The user is set last: a non-null user is what tells other threads
     * the session is logged in.
     *
     * @throws IOException when the place was taken for a newcomer: the session is dropped
     */
    void loggedIn(LoginResult.Success ok, SessionState shellState, AccessPolicy userPolicy,
                  CommandRegistry visible) throws IOException {
        if (!services.registry().startupEnded(slot)) {
            // A newcomer took this connection's place a moment ago: it is being dropped, and
            // a login now would leave a session the eviction has already cut.
            if (pendingReason == null) {
                pendingReason = SessionRegistry.EVICTED;
            }
            throw new IOException(SessionRegistry.EVICTED);
        }
        shell = new LoggedIn(ok.user(), ok.role(), ok.home(), shellState, userPolicy, visible,
                new CommandResolver(services.commands(), config.execEnabled(), userPolicy, shellState,
                        services.osCommands(), processes));
        phase.compareAndSet(SessionPhase.AUTH, SessionPhase.READY); // not if a close began meanwhile
        loginDeadline.cancel();
        connection.setReadTimeout(0);
    }

    /** Ends the session saying {@code reason} in its {@code bye}. */
    void endWith(String reason) {
        pendingReason = reason;
        close(reason);
    }

    SessionConnection connection() {
        return connection;
    }

    SessionLogin login() {
        return login;
    }

    private void releaseStartupSlot() {
        services.registry().startupEnded(slot);
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
        SessionPhase was = phase.get();
        while (!was.closing() && !phase.compareAndSet(was, SessionPhase.CLOSING)) {
            was = phase.get();
        }
        if (was.closing()) {
            return; // another thread is closing it, or has
        }
        slot.ending(true);
        boolean interrupted = Thread.interrupted();
        Outbox o = outbox;
        PreLoginDeadline deadline = loginDeadline;
        if (deadline != null) {
            deadline.cancel();
        }
        try {
            queue.close();
            endRunningCommands();
            if (o != null && !o.isClosed()) {
                o.sendLast(new ServerLine.Bye(reason).toWire());
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
            inputs.closeAll();
            pendingAudit.closeAndCommit(); // commands that ran, whether or not their end went out
            AuditEvent.Disconnected gone = new AuditEvent.Disconnected(Instant.now(), id, user(), address, reason);
            if (!loggedIn()) {
                auditPreLogin(gone);
            } else {
                services.audit().record(gone);
            }
            releaseStartupSlot();
            if (deadline != null) {
                deadline.closed();
            }
            services.registry().remove(this);
            phase.set(SessionPhase.CLOSED);
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
        while (!commandTable.isEmpty() && System.nanoTime() < deadline) {
            for (RunningCommand command : commandTable.all()) {
                command.cancelWith(130, () -> { });
            }
            for (RunningCommand command : commandTable.all()) {
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
