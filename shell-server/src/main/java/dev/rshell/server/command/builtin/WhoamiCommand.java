package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/** {@code whoami}: prints the logged-in user's name. */
final class WhoamiCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    WhoamiCommand() {
        super("whoami", "whoami", "print your user name");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        context.output().out(context.user());
        return 0;
    }
}
