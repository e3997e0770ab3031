package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code wait [N...]}: waits for background commands of this session, as in {@code sh}.
 *
 * <ul>
 *   <li>Without N it waits for every background command started before it (a lower number;
 *       so two {@code wait &} never wait for each other) and answers 0.</li>
 *   <li>With N ({@code N} or {@code %N}) it waits for each in turn and answers the last one's
 *       status; one that isn't running is reported as
 *       {@code wait: N: no such background command} and counts as 127, as in bash. A wait
 *       for its own number is refused (status 1) rather than waiting forever.</li>
 * </ul>
 *
 * <p>It ends at once, with {@link InterruptedException}, when its thread is interrupted.
 */
final class WaitCommand extends BuiltinCommand {

    /** The status of waiting for a background command that isn't running, as in bash. */
    static final int NO_SUCH_JOB = 127;

    WaitCommand() {
        super("wait", "wait [N...]", "wait for background commands to end (all, or number N)");
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        List<Long> numbers = JobNumbers.parse(args, "no options: N is a number as jobs shows it");
        long self = context.commandNumber();
        if (numbers.isEmpty()) {
            for (CommandContext.Job job : context.jobs()) {
                if (job.number() < self) {
                    context.awaitJob(job.number());
                }
            }
            return 0;
        }
        int status = 0;
        for (int i = 0; i < numbers.size(); i++) {
            long number = numbers.get(i);
            if (number == self) {
                status = error(context, args.get(i), "this is the wait command itself");
                continue;
            }
            OptionalInt ended = context.awaitJob(number);
            if (ended.isPresent()) {
                status = ended.getAsInt();
            } else {
                error(context, args.get(i), "no such background command");
                status = NO_SUCH_JOB;
            }
        }
        return status;
    }
}
