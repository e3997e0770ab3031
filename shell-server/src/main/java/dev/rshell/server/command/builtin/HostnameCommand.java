package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/** {@code hostname}: prints the name the server announces in {@code hello}. */
final class HostnameCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    HostnameCommand() {
        super("hostname", "hostname", "print the server's host name");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        context.output().out(context.server().hostName());
        return 0;
    }
}
