package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * {@code jobs}: one line per background command of this session still running,
 * {@code [N] running 12s  LINE} (its number, its state, how long it has run as
 * {@link Durations#elapsed}, its command line); nothing when there is none. A {@code jobs}
 * that itself runs in the background leaves itself out.
 */
final class JobsCommand extends BuiltinCommand {

    private final Clock clock;

    /** @param clock the current time; the system clock outside tests */
    JobsCommand(Clock clock) {
        super("jobs", "jobs", "list this session's background commands");
        this.clock = clock;
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        for (CommandContext.Job job : context.jobs()) {
            if (job.number() == context.commandNumber()) {
                continue;
            }
            Duration running = Duration.between(job.startedAt(), clock.instant());
            context.output().out("[" + job.number() + "] running " + Durations.elapsed(running)
                    + "  " + printable(job.line()));
        }
        return 0;
    }
}
