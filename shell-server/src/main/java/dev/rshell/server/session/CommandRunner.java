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
 * Runs a session's queued lines in order: the session's runner. Started on demand by the
 * reader when the queue becomes non-empty, it retires when the queue drains (see
 * {@link CommandQueue}). Background commands are handed to the job pool, each on its own
 * thread, after their {@code bg} line.
 *
 * <p>Output is flushed when the queue is empty, and before a command that may block, so a
 * burst of pipelined quick commands goes out in one socket write.
 *
 * <p>Thread safety: at most one runner task of a session is active at a time (the queue's
 * runner flag guarantees it); job threads only use the thread-safe session parts.
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

    private void runLine(CommandQueue.CommandItem item) throws InterruptedException {
        SessionState state = session.state();
        ParseResult parsed = CommandLineParser.parse(item.text(), parseContext(state));
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
        session.running().put(n, running);
        session.setForeground(running);
        if (session.isClosing()) {
            running.cancelWith(ExitStatus.INTERRUPTED, () -> { }); // the teardown may have looked already
        }
        Outcome outcome = new Outcome();
        int status;
        try {
            status = execute(running, words, builtin, false, outcome);
        } finally {
            session.setForeground(null);
            session.running().remove(n);
            running.finish();
            // A cancel that raced with the command's own end must not hit the next command.
            Thread.interrupted();
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
        long jobs = session.running().values().stream().filter(RunningCommand::background).count();
        if (jobs >= config.maxJobs()) {
            outbox.append(new ServerLine.Err(n, "rshell: too many background commands (max-jobs is "
                    + config.maxJobs() + ")").toWire());
            outbox.append(new ServerLine.End(n, ExitStatus.FAILURE).toWire());
            return;
        }
        RunningCommand job = new RunningCommand(n, line, true);
        session.running().put(n, job);
        if (session.isClosing()) {
            job.cancelWith(ExitStatus.INTERRUPTED, () -> { });
        }
        outbox.append(new ServerLine.Bg(n).toWire());
        outbox.flush();
        try {
            session.services().jobs().execute(() -> runJob(job, words, builtin));
        } catch (RejectedExecutionException e) {
            session.running().remove(n);
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
            session.running().remove(job.number());
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

    /** Runs one command on the current thread and answers its status; never throws. */
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
        session.services().audit().record(new AuditEvent.CommandRun(Instant.now(), session.id(), session.user(),
                session.address(), outcome.cwd, words, running.startedAt(), micros, status,
                outcome.output == null ? 0 : outcome.output.written()));
    }

    private int deny(CommandOutput output, List<String> words, String reason) throws InterruptedException {
        session.services().audit().record(new AuditEvent.Denied(Instant.now(), session.id(), session.user(),
                session.address(), words, reason));
        output.err("rshell: " + words.get(0) + ": permission denied: " + reason);
        return ExitStatus.NOT_PERMITTED;
    }

    private int execute(RunningCommand running, List<String> words, Command builtin, boolean background,
                        Outcome outcome) {
        long n = running.number();
        CommandOutput output = new CommandOutput(session.outbox(), n, config.maxLine());
        outcome.output = output;
        outcome.cwd = session.state().workingDirectory().toString();
        AccessPolicy policy = session.policy();
        SessionCommandContext context = new SessionCommandContext(session, session.state(), n, output,
                background);
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
            if (!config.execEnabled()) {
                output.err("rshell: " + word + ": OS commands are not allowed on this server (exec is off)");
                return ExitStatus.NOT_PERMITTED;
            }
            AccessPolicy.ExecDecision decision = policy.checkExec(words, session.state().workingDirectory());
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

    private ScheduledFuture<?> scheduleTimeout(RunningCommand running) {
        Duration limit = config.commandTimeout();
        if (limit.isZero()) {
            return null;
        }
        return session.services().timers().schedule(() -> running.cancelWith(ExitStatus.TIMEOUT, () -> { }),
                limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void awaitJobs() throws InterruptedException {
        for (RunningCommand job : session.running().values()) {
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
