package dev.rshell.server.session;

import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.server.command.CommandIo;
import dev.rshell.server.command.Resolution;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command of a session on the calling thread, foreground or background alike: makes
 * its I/O (input, output framed as the session's features ask, cancellation), resolves its
 * words ({@link CommandResolver}) and runs what they resolve to, under the session's time
 * limit, and answers its status. It never throws: an interrupt becomes the status the cancel
 * asked for (130, or 124 for a time limit), and a bug in a command costs that command only.
 *
 * <p>Thread safety: thread-safe; each {@link #run} works on its calling thread (the session's
 * runner, or a job thread).
 */
final class CommandExecution {

    /** What a run gives besides writing its output. */
    record Result(int status, String cwd, long bytesOut) {
    }

    private final CommandHost session;
    private final SessionConfig config;
    private final CommandAudit audit;

    CommandExecution(CommandHost session, CommandAudit audit) {
        this.session = session;
        this.config = session.services().config();
        this.audit = audit;
    }

    /** Runs {@code words} as command {@code running}, with input when it came with {@code :stdin}. */
    Result run(RunningCommand running, List<String> words, boolean background, boolean withInput) {
        long n = running.number();
        OutputFraming framing = new OutputFraming(session.features().bytes(),
                withInput && session.features().partial());
        CommandOutput output = new CommandOutput(session.outbox(), n, config.maxLine(), framing);
        running.output(output);
        LoggedIn shell = session.shell();
        String cwd = shell.state().workingDirectory().toString();
        CommandIo io = new CommandIo(session.inputs().inputOf(n), output, () -> running.cancelStatus() != 0);
        SessionCommandContext context = new SessionCommandContext(session, shell, n, io, background,
                this);
        ScheduledFuture<?> timer = scheduleTimeout(running);
        int status;
        try {
            status = runResolved(shell.resolver().resolve(words), context, words);
        } catch (InterruptedException e) {
            status = running.cancelStatus() != 0 ? running.cancelStatus() : ExitStatus.INTERRUPTED;
        } catch (RuntimeException e) {
            status = internalError(output, n, words.get(0), e);
        } finally {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        return new Result(status, cwd, output.written());
    }

    /**
     * Runs {@code argv} as an OS program, never a built-in, in {@code context}
     * ({@code command NAME ARGS}).
     */
    int runProgram(SessionCommandContext context, List<String> argv) throws InterruptedException {
        return runResolved(session.shell().resolver().resolveProgram(argv), context, argv);
    }

    private int runResolved(Resolution resolution, SessionCommandContext context, List<String> words)
            throws InterruptedException {
        if (resolution instanceof Resolution.Builtin builtin) {
            if (builtin.command().mayBlock()) {
                session.outbox().flush();
            }
            return clamp(builtin.command().run(context, builtin.args()));
        }
        if (resolution instanceof Resolution.Program program) {
            session.outbox().flush();
            return clamp(program.command().run(context, program.args()));
        }
        if (resolution instanceof Resolution.NotFound notFound) {
            context.output().err(notFound.message());
            return ExitStatus.NOT_FOUND;
        }
        Resolution.Denied denied = (Resolution.Denied) resolution;
        if (denied.policyReason() != null) {
            audit.denied(words, denied.policyReason());
        }
        context.output().err(denied.message());
        return ExitStatus.NOT_PERMITTED;
    }

    private int internalError(CommandOutput output, long n, String word, RuntimeException e) {
        System.err.println("rshell-server: session " + session.id() + ": command " + n + " ("
                + word + ") failed: " + e);
        e.printStackTrace();
        try {
            output.err("rshell: " + word + ": internal error: " + e.getClass().getSimpleName());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        return ExitStatus.FAILURE;
    }

    private ScheduledFuture<?> scheduleTimeout(RunningCommand running) {
        Duration limit = config.commandTimeout();
        if (limit.isZero()) {
            return null;
        }
        return session.services().timers().schedule(() -> running.cancelWith(ExitStatus.TIMEOUT, () -> { }),
                limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static int clamp(int status) {
        return status & 0xFF;
    }
}
