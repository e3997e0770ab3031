package dev.rshell.server.session;

import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.command.Command;
import dev.rshell.server.policy.AccessPolicy;
import java.time.Instant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a session's command lines in order: the session's runner. Started on demand by the
 * reader when the queue becomes non-empty, it retires when the queue drains (see
 * {@link CommandQueue}). Background commands are handed to the job pool, each on its own
 * thread, after their {@code bg} line.
 *
 * <p><b>Instant commands run on the reader.</b> The reader gives each line to
 * {@link #submit}. When nothing is queued or running and the line is an instant built-in
 * ({@link Command#instant()}: echo, pwd, cd...), a syntax error or a blank line, it runs at
 * once on the reader's own thread: no hand-off, which on a round trip is the largest cost
 * after the network's. Such a command can't block or touch another session, so the reader is
 * back to reading within microseconds; the reader flushes their output once it has read
 * everything the client sent so far. Everything else is queued for the runner.
 *
 * <p>Output is flushed when the queue is empty, and before a command that may block, so a
 * burst of pipelined quick commands goes out in one socket write. Each ended command's audit
 * record waits in the session's {@link PendingAudit}, written just before its {@code end}
 * line leaves, so the burst also costs one audit write.
 *
 * <p>Thread safety: at most one thread runs a session's foreground commands at a time: the
 * runner while the queue's runner flag is set, else the reader (which alone sets the flag);
 * job threads only use the thread-safe session parts.
 */
final class CommandRunner implements Runnable {

    private final Session session;
    private final SessionConfig config;

    CommandRunner(Session session) {
        this.session = session;
        this.config = session.services().config();
    }

    void start(Executor pool) {
        try {
            pool.execute(this);
        } catch (RejectedExecutionException e) {
            session.abort("server overloaded: no thread to run commands");
        }
    }

    @Override
    public void run() {
        CommandQueue queue = session.queue();
        Outbox outbox = session.outbox();
        try {
            while (true) {
                if (queue.isEmpty()) {
                    outbox.flush();
                }
                CommandQueue.Item item = queue.next();
                if (item == null) {
                    return;
                }
                if (item instanceof CommandQueue.CommandItem c) {
                    runLine(c);
                } else if (item instanceof CommandQueue.TooLongItem t) {
                    outbox.append(new ServerLine.Err(t.number(), "rshell: line too long: " + t.lineBytes()
                            + " bytes (max-line is " + config.maxLine() + ")").toWire());
                    finishForeground(t.number(), ExitStatus.USAGE);
                } else if (item instanceof CommandQueue.ReplyItem r) {
                    outbox.append(r.line());
                } else if (item instanceof CommandQueue.QuitItem) {
                    awaitJobs();
                    session.close("goodbye");
                    return;
                }
                if (session.endRequested()) {
                    session.close("goodbye");
                    return;
                }
            }
        } catch (InterruptedException e) {
            // The session is closing; its teardown writes what is left. The pool clears the flag.
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs {@code item} at once on the calling thread, the reader, when it is instant and the
     * queue is idle (see the class comment); otherwise queues it, starting the runner if none
     * is active. Called by the reader only.
     *
     * @throws InterruptedException if interrupted while waiting for room in the queue
     */
    void submit(CommandQueue.CommandItem item) throws InterruptedException {
        CommandQueue queue = session.queue();
        if (queue.idle()) {
            ParseResult parsed = parse(item.text());
            if (runsInline(parsed)) {
                runParsed(item, parsed);
                return;
            }
            item = item.withParse(parsed); // still valid when the runner takes it: it is next
        }
        if (queue.put(item)) {
            start(session.services().runners());
        }
    }

    private boolean runsInline(ParseResult parsed) {
        if (!(parsed instanceof ParseResult.Command command)) {
            return true; // a syntax error or a blank line: only an err and an end line
        }
        if (command.background()) {
            return false;
        }
        Command builtin = session.services().commands().find(command.words().get(0)).orElse(null);
        return builtin != null && builtin.instant();
    }

    private ParseResult parse(String text) {
        return CommandLineParser.parse(text, parseContext(session.state()));
    }

    private void runLine(CommandQueue.CommandItem item) throws InterruptedException {
        runParsed(item, item.parsed() != null ? item.parsed() : parse(item.text()));
    }

    private void runParsed(CommandQueue.CommandItem item, ParseResult parsed) throws InterruptedException {
        Outbox outbox = session.outbox();
        long n = item.number();
        if (parsed instanceof ParseResult.SyntaxError error) {
            outbox.append(new ServerLine.Err(n, "rshell: " + error.message()).toWire());
            finishForeground(n, ExitStatus.USAGE);
            return;
        }
        if (!(parsed instanceof ParseResult.Command command)) {
            finishForeground(n, ExitStatus.OK);
            return;
        }
        List<String> words = command.words();
        Command builtin = session.services().commands().find(words.get(0)).orElse(null);
        if (command.background()) {
            startJob(n, item.text(), words, builtin);
            return;
        }
        RunningCommand running = new RunningCommand(n, item.text(), false);
        running.attach(Thread.currentThread());
        boolean interruptedEarly = session.commandTable().register(running);
        if (interruptedEarly || session.isClosing()) {
            // An :interrupt that came before it started, or a teardown that may have looked already.
            running.cancelWith(ExitStatus.INTERRUPTED, () -> { });
        }
        Outcome outcome = new Outcome();
        int status;
        try {
            status = execute(running, words, builtin, false, outcome);
        } finally {
            session.commandTable().unregister(running);
            running.finish();
            if (running.cancelStatus() != 0) {
                // A cancel that raced with the command's own end must not hit what this
                // thread does next. Other interrupts (the server stopping) are kept.
                Thread.interrupted();
            }
        }
        try {
            int end = running.cancelStatus() != 0 ? running.cancelStatus() : status;
            audit(running, words, end, outcome);
            running.endStatus(end);
            finishForeground(n, end);
        } finally {
            running.ended();
        }
    }

    private void finishForeground(long number, int status) throws InterruptedException {
        session.state().setLastStatus(status);
        session.outbox().append(new ServerLine.End(number, status).toWire());
    }

    private void startJob(long n, String line, List<String> words, Command builtin)
            throws InterruptedException {
        Outbox outbox = session.outbox();
        if (builtin != null && builtin.changesSession()) {
            outbox.append(new ServerLine.Err(n, "rshell: " + builtin.name()
                    + ": can't run in the background: it changes the session").toWire());
            outbox.append(new ServerLine.End(n, ExitStatus.USAGE).toWire()); // $? is foreground only
            return;
        }
        long jobs = session.commandTable().backgroundCount();
        if (jobs >= config.maxJobs()) {
            outbox.append(new ServerLine.Err(n, "rshell: too many background commands (max-jobs is "
                    + config.maxJobs() + ")").toWire());
            outbox.append(new ServerLine.End(n, ExitStatus.FAILURE).toWire());
            return;
        }
        RunningCommand job = new RunningCommand(n, line, true);
        if (session.commandTable().register(job) || session.isClosing()) {
            job.cancelWith(ExitStatus.INTERRUPTED, () -> { });
        }
        outbox.append(new ServerLine.Bg(n).toWire());
        outbox.flush();
        try {
            session.services().jobs().execute(() -> runJob(job, words, builtin));
        } catch (RejectedExecutionException e) {
            session.commandTable().unregister(job);
            job.finish();
            outbox.append(new ServerLine.Err(n, "rshell: no thread free for a background command").toWire());
            outbox.append(new ServerLine.End(n, ExitStatus.FAILURE).toWire());
            job.ended();
        }
    }

    private void runJob(RunningCommand job, List<String> words, Command builtin) {
        int status = ExitStatus.INTERRUPTED;
        Outcome outcome = new Outcome();
        try {
            status = job.attach(Thread.currentThread())
                    ? execute(job, words, builtin, true, outcome) : job.cancelStatus();
        } finally {
            session.commandTable().unregister(job);
            job.finish();
            Thread.interrupted();
            int end = job.cancelStatus() != 0 ? job.cancelStatus() : status;
            audit(job, words, end, outcome);
            job.endStatus(end);
            try {
                session.outbox().append(new ServerLine.End(job.number(), end).toWire());
                session.outbox().flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                job.ended();
            }
        }
    }

    /** What the audit log needs from a run besides its status. */
    private static final class Outcome {
        String cwd;
        CommandOutput output;
    }

    /**
     * Records the command in the audit log before its {@code end} goes out: an acknowledged
     * command is always in the log.
     */
    private void audit(RunningCommand running, List<String> words, int status, Outcome outcome) {
        session.services().counters().commandsRun.increment();
        if (status != 0) {
            session.services().counters().commandsFailed.increment();
        }
        long micros = java.time.Duration.between(running.startedAt(), Instant.now()).toNanos() / 1000;
        session.pendingAudit().add(new AuditEvent.CommandRun(Instant.now(), session.id(), session.user(),
                session.address(), outcome.cwd, words, running.startedAt(), micros, status,
                outcome.output == null ? 0 : outcome.output.written()));
    }

    private int deny(CommandOutput output, List<String> words, String reason) throws InterruptedException {
        session.pendingAudit().add(new AuditEvent.Denied(Instant.now(), session.id(), session.user(),
                session.address(), words, reason));
        output.err("rshell: " + words.get(0) + ": permission denied: " + reason);
        return ExitStatus.NOT_PERMITTED;
    }

    /** Runs one command on the current thread and answers its status; never throws. */
    private int execute(RunningCommand running, List<String> words, Command builtin, boolean background,
                        Outcome outcome) {
        long n = running.number();
        CommandOutput output = new CommandOutput(session.outbox(), n, config.maxLine());
        running.output(output);
        outcome.output = output;
        outcome.cwd = session.state().workingDirectory().toString();
        AccessPolicy policy = session.policy();
        SessionCommandContext context = new SessionCommandContext(session, session.state(), n, output,
                background, this);
        ScheduledFuture<?> timer = scheduleTimeout(running);
        String word = words.get(0);
        try {
            if (builtin != null) {
                if (!policy.mayRunBuiltin(builtin.name())) {
                    return deny(output, words, "role " + policy.roleName() + " may not run the built-in "
                            + builtin.name());
                }
                if (builtin.mayBlock()) {
                    session.outbox().flush();
                }
                return clamp(builtin.run(context, words.subList(1, words.size())));
            }
            return runProgram(context, output, words);
        } catch (InterruptedException e) {
            return running.cancelStatus() != 0 ? running.cancelStatus() : ExitStatus.INTERRUPTED;
        } catch (RuntimeException e) {
            // A bug in a command must cost that command, not the session.
            System.err.println("rshell-server: session " + session.id() + ": command " + n + " ("
                    + word + ") failed: " + e);
            e.printStackTrace();
            try {
                output.err("rshell: " + word + ": internal error: " + e.getClass().getSimpleName());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            return ExitStatus.FAILURE;
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
    }

    /**
     * Runs {@code words} as an OS program on the current thread: a command line whose first
     * word is no built-in, and {@code command NAME ARGS} ({@link SessionCommandContext#runProgram}).
     */
    int runProgram(SessionCommandContext context, CommandOutput output, List<String> words)
            throws InterruptedException {
        String word = words.get(0);
        if (!config.execEnabled()) {
            output.err("rshell: " + word + ": OS commands are not allowed on this server (exec is off)");
            return ExitStatus.NOT_PERMITTED;
        }
        AccessPolicy.ExecDecision decision = session.policy().checkExec(words, session.state().workingDirectory());
        if (decision instanceof AccessPolicy.ExecDecision.Denied denied) {
            return deny(output, words, denied.reason());
        }
        if (decision instanceof AccessPolicy.ExecDecision.NotFound) {
            output.err("rshell: " + word + ": command not found");
            return ExitStatus.NOT_FOUND;
        }
        session.outbox().flush();
        List<String> argv = ((AccessPolicy.ExecDecision.Allowed) decision).argv();
        return clamp(session.services().osCommands().run(context, argv, session.processes()));
    }

    private ScheduledFuture<?> scheduleTimeout(RunningCommand running) {
        Duration limit = config.commandTimeout();
        if (limit.isZero()) {
            return null;
        }
        return session.services().timers().schedule(() -> running.cancelWith(ExitStatus.TIMEOUT, () -> { }),
                limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void awaitJobs() throws InterruptedException {
        for (RunningCommand job : session.commandTable().all()) {
            job.awaitEnded(Long.MAX_VALUE);
        }
    }

    private static int clamp(int status) {
        return status & 0xFF;
    }

    private ParseContext parseContext(SessionState state) {
        Path home = session.home();
        return new ParseContext() {
            @Override
            public String variable(String name) {
                return state.variable(name);
            }

            @Override
            public int lastStatus() {
                return state.lastStatus();
            }

            @Override
            public Path home() {
                return home;
            }

            @Override
            public Path workingDirectory() {
                return state.workingDirectory();
            }

            @Override
            public boolean mayList(Path directory) {
                return session.policy().mayRead(directory);
            }
        };
    }
}
