package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.time.Duration;
import java.util.List;

/**
 * {@code shutdown [SECONDS]}: has the server warn every session and shut down gracefully
 * after SECONDS ({@value #DEFAULT_SECONDS} by default, so users get a moment to see the
 * warning; 0 to {@value #MAX_SECONDS}). It prints {@code server shutting down in N s} and
 * answers 0; the server, not this command, does the waiting. Who may shut down is the role
 * configuration's business (the default operator role may not).
 */
final class ShutdownCommand extends BuiltinCommand {

    /** The delay when none is given. */
    static final long DEFAULT_SECONDS = 10;
    /** The longest delay, a day. */
    static final long MAX_SECONDS = 86_400;

    ShutdownCommand() {
        super("shutdown", "shutdown [SECONDS]", "warn every session, then stop the server (default in 10 s)");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.size() > 1) {
            throw usage("too many arguments");
        }
        long seconds = args.isEmpty() ? DEFAULT_SECONDS
                : number(args.get(0), 0, MAX_SECONDS, "SECONDS must be a number from 0 to " + MAX_SECONDS);
        context.control().shutdown(Duration.ofSeconds(seconds), context.user());
        context.output().out("server shutting down in " + seconds + " s");
        return 0;
    }
}
