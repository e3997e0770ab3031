package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.List;

/**
 * {@code unset NAME...}: removes session variables. Names that are not set are fine (as in
 * sh); an invalid name is a usage error and, as with {@code export}, nothing is removed.
 */
final class UnsetCommand extends BuiltinCommand {

    UnsetCommand() {
        super("unset", "unset NAME...", "remove session variables");
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
        List<String> names = Options.parse(args, "", "").operands();
        if (names.isEmpty()) {
            throw usage("missing NAME");
        }
        for (String name : names) {
            ExportCommand.checkName(name);
        }
        for (String name : names) {
            context.unsetVariable(name);
        }
        return 0;
    }
}
