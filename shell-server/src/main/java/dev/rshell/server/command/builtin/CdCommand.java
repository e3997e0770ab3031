package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cd [DIR]}: changes the working directory, to the home directory without DIR. The
 * path stays logical (normalized, symbolic links not resolved), as in {@code sh}. There is no
 * {@code cd -}: it is a usage error rather than a silent look-up of a directory named "-".
 */
final class CdCommand extends BuiltinCommand {

    CdCommand() {
        super("cd", "cd [DIR]", "change the working directory (default: your home)");
    }

    @Override
    public boolean instant() {
        return true;
    }

    @Override
    public boolean changesSession() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        List<String> operands = Options.parse(args, "", "").operands();
        if (operands.size() > 1) {
            throw usage("too many arguments");
        }
        if (operands.isEmpty()) {
            context.changeDirectory(context.home());
            return 0;
        }
        String arg = operands.get(0);
        if (arg.equals("-")) {
            throw usage("'cd -' (previous directory) is not supported; use cd ./- for a directory named -");
        }
        try {
            Path dir = resolve(context, arg);
            if (!Files.exists(dir)) {
                // A dangling link is "no such file" too: there is nothing to enter.
                throw new NoSuchFileException(arg);
            }
            if (!Files.isDirectory(dir)) {
                return error(context, arg, "Not a directory");
            }
            if (!Files.isExecutable(dir)) {
                return error(context, arg, "Permission denied");
            }
            context.changeDirectory(dir);
            return 0;
        } catch (IOException e) {
            return fileError(context, arg, e);
        }
    }
}
