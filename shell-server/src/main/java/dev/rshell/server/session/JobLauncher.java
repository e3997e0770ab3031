package dev.rshell.server.session;

import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.command.Command;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts a session's background ({@code &}) commands: checks that the command may run in the
 * background and that the session has room ({@code max-jobs}), writes {@code bg N}, and runs it
 * on a thread of the job pool, which writes its {@code end N} when it is done.
 *
 * <p>Thread safety: {@link #start} is called by whichever thread runs the session's foreground
 * lines (the runner, or the reader for an inline line); each job runs on its own job thread.
 */
final class JobLauncher {

    private final CommandHost session;
    private final CommandExecution execution;
    private final CommandAudit audit;

    JobLauncher(CommandHost session, CommandExecution execution, CommandAudit audit) {
        this.session = session;
        this.execution = execution;
        this.audit = audit;
    }

    /** Starts command {@code n}, the line {@code line} of words {@code words}, in the background. */
    void start(long n, String line, List<String> words, boolean withInput) throws InterruptedException {
        Outbox outbox = session.outbox();
        SessionConfig config = session.services().config();
        Command builtin = session.shell().resolver().builtin(words.get(0)).orElse(null);
        if (builtin != null && builtin.changesSession()) {
            refuse(n, "rshell: " + builtin.name() + ": can't run in the background: it changes the session",
                    ExitStatus.USAGE); // $? is foreground only
            return;
        }
        if (session.commandTable().backgroundCount() >= config.maxJobs()) {
            refuse(n, "rshell: too many background commands (max-jobs is " + config.maxJobs() + ")",
                    ExitStatus.FAILURE);
            return;
        }
        RunningCommand job = new RunningCommand(n, line, true);
        if (session.commandTable().register(job) || session.isClosing()) {
            job.cancelWith(ExitStatus.INTERRUPTED, () -> { });
        }
        outbox.append(new ServerLine.Bg(n).toWire());
        outbox.flush();
        try {
            session.services().jobs().execute(() -> run(job, words, withInput));
        } catch (RejectedExecutionException e) {
            session.commandTable().unregister(job);
            job.finish();
            refuse(n, "rshell: no thread free for a background command", ExitStatus.FAILURE);
            job.ended();
        }
    }

    private void refuse(long n, String message, int status) throws InterruptedException {
        session.inputs().close(n);
        session.outbox().append(new ServerLine.Err(n, message).toWire());
        session.outbox().append(new ServerLine.End(n, status).toWire());
    }

    private void run(RunningCommand job, List<String> words, boolean withInput) {
        int status = ExitStatus.INTERRUPTED;
        CommandExecution.Result result = null;
        try {
            if (job.attach(Thread.currentThread())) {
                result = execution.run(job, words, true, withInput);
                status = result.status();
            } else {
                status = job.cancelStatus();
            }
        } finally {
            session.commandTable().unregister(job);
            job.finish();
            Thread.interrupted();
            session.inputs().close(job.number());
            int end = job.cancelStatus() != 0 ? job.cancelStatus() : status;
            audit.ran(job, words, result == null ? session.shell().state().workingDirectory().toString() : result.cwd(),
                    end, result == null ? 0 : result.bytesOut());
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
}
