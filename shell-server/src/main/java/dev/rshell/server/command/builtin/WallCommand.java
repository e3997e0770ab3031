package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code wall MESSAGE...}: sends {@code from USER: MESSAGE} as a {@code msg} line to every
 * logged-in session, this one included (so the sender sees it arrive as the others do). The
 * words are joined by single spaces and control characters become {@code ?}. It prints
 * nothing and answers 0; an empty or blank message is a usage error.
 */
final class WallCommand extends BuiltinCommand {

    WallCommand() {
        super("wall", "wall MESSAGE...", "send a message to every session");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        String message = String.join(" ", args);
        if (message.isBlank()) {
            throw usage("missing MESSAGE");
        }
        context.control().broadcast("from " + context.user() + ": " + printable(message));
        return 0;
    }
}
