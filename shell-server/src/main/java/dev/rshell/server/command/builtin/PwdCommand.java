package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/** {@code pwd}: prints the session's working directory. */
final class PwdCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    PwdCommand() {
        super("pwd", "pwd", "print the working directory");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        context.output().out(printable(context.workingDirectory().toString()));
        return 0;
    }
}
