package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code kill N...}: interrupts background commands of this session, by the numbers
 * {@code jobs} shows ({@code N} or {@code %N}); each ends with status 130.
 *
 * <p>This is not the OS {@code kill}: it sends no signals and knows no process ids, and it can
 * only end this session's own background commands. {@code kill -9 1234} is a usage error that
 * says so; a user who means the OS command runs {@code command kill} or {@code /bin/kill}.
 *
 * <p>Status 0 when every N was interrupted; otherwise 1 with
 * {@code kill: N: no such background command} for each one that isn't running.
 */
final class KillCommand extends BuiltinCommand {

    KillCommand() {
        super("kill", "kill N...", "interrupt background commands of this session (not OS processes)");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.isEmpty()) {
            throw usage("missing N");
        }
        List<Long> numbers = JobNumbers.parse(args,
                "no signals or options: it ends this session's background commands;"
                        + " for OS processes run command kill ARGS (or /bin/kill)");
        int status = 0;
        for (int i = 0; i < numbers.size(); i++) {
            if (!context.interruptJob(numbers.get(i))) {
                status = error(context, args.get(i), "no such background command");
            }
        }
        return status;
    }
}
