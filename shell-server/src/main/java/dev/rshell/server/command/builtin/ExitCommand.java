package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code exit [STATUS]}: ends the session with STATUS (default 0, not {@code $?}: a script's
 * last {@code exit} should say what it means). A bad STATUS is a usage error and the session
 * goes on, so a typo never drops the connection.
 */
final class ExitCommand extends BuiltinCommand {

    private static final String BAD_STATUS = "STATUS must be a number from 0 to 255";

    ExitCommand() {
        super("exit", "exit [STATUS]", "end the session with STATUS (default 0)");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public boolean changesSession() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.size() > 1) {
            throw usage("too many arguments");
        }
        int status = args.isEmpty() ? 0 : (int) number(args.get(0), 0, 255, BAD_STATUS);
        context.endSession();
        return status;
    }
}
