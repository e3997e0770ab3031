package dev.rshell.server.session;

import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.command.Command;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs a session's command lines in order: the session's runner. This class keeps the order
 * and the threads; running one command is {@link CommandExecution}'s job, starting a
 * background one {@link JobLauncher}'s, recording them {@link CommandAudit}'s.
 *
 * <p>The runner: Started on demand by the
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

    private final CommandHost session;
    private final SessionConfig config;
    private final CommandExecution execution;
    private final JobLauncher jobs;
    private final CommandAudit audit;

    CommandRunner(CommandHost session, CommandAudit audit) {
        this.session = session;
        this.config = session.services().config();
        this.audit = audit;
        this.execution = new CommandExecution(session, audit);
        this.jobs = new JobLauncher(session, execution, audit);
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
            if (!item.input() && runsInline(parsed)) { // a command with input may wait for it
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
        return CommandLineParser.parse(text, parseContext(session.shell()));
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
        if (command.background()) {
            jobs.start(n, item.text(), words, item.input());
            return;
        }
        RunningCommand running = new RunningCommand(n, item.text(), false);
        running.attach(Thread.currentThread());
        boolean interruptedEarly = session.commandTable().register(running);
        if (interruptedEarly || session.isClosing()) {
            // An :interrupt that came before it started, or a teardown that may have looked already.
            running.cancelWith(ExitStatus.INTERRUPTED, () -> { });
        }
        CommandExecution.Result result;
        try {
            result = execution.run(running, words, false, item.input());
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
            int end = running.cancelStatus() != 0 ? running.cancelStatus() : result.status();
            audit.ran(running, words, result.cwd(), end, result.bytesOut());
            running.endStatus(end);
            finishForeground(n, end);
        } finally {
            running.ended();
        }
    }

    private void finishForeground(long number, int status) throws InterruptedException {
        session.inputs().close(number);
        session.shell().state().setLastStatus(status);
        session.outbox().append(new ServerLine.End(number, status).toWire());
    }

    private void awaitJobs() throws InterruptedException {
        for (RunningCommand job : session.commandTable().all()) {
            job.awaitEnded(Long.MAX_VALUE);
        }
    }

    private ParseContext parseContext(LoggedIn shell) {
        SessionState state = shell.state();
        Path home = shell.home();
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
                return shell.policy().mayRead(directory);
            }
        };
    }
}
