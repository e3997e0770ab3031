package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code kick SESSION [REASON...]}: ends session SESSION (its number in {@code who}) with
 * {@code bye REASON}; the reason defaults to {@code kicked by USER}. One's own session may be
 * kicked too. It prints nothing on success; {@code kick: SESSION: no such session} and status
 * 1 when there is none. Who may kick is the role configuration's business (the default
 * operator role may not).
 */
final class KickCommand extends BuiltinCommand {

    KickCommand() {
        super("kick", "kick SESSION [REASON...]", "end another session (see who)");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.isEmpty()) {
            throw usage("missing SESSION");
        }
        long id = number(args.get(0), 0, Long.MAX_VALUE, "SESSION must be a session number, as who shows it");
        String reason = String.join(" ", args.subList(1, args.size()));
        if (reason.isBlank()) {
            reason = "kicked by " + context.user();
        }
        if (!context.control().kick(id, printable(reason), context.user())) {
            return error(context, args.get(0), "no such session");
        }
        return 0;
    }
}
