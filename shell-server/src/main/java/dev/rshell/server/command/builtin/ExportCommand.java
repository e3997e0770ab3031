package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code export NAME=VALUE...}: sets session variables (exported to OS commands). Every
 * argument is checked before any is set, so a bad one changes nothing. {@code export NAME}
 * without {@code =} is a usage error: every variable is exported already, so the sh meaning
 * would do nothing. Without arguments it prints the variables like {@code env}.
 */
final class ExportCommand extends BuiltinCommand {

    /** A variable name as {@code $NAME} expansion understands it. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    ExportCommand() {
        super("export", "export [NAME=VALUE...]", "set session variables, or print them all");
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
        if (operands.isEmpty()) {
            EnvCommand.print(context);
            return 0;
        }
        List<String[]> assignments = new ArrayList<>();
        for (String operand : operands) {
            int eq = operand.indexOf('=');
            if (eq < 0) {
                throw usage(printable(operand) + ": missing =VALUE");
            }
            String name = operand.substring(0, eq);
            checkName(name);
            assignments.add(new String[] {name, operand.substring(eq + 1)});
        }
        for (String[] assignment : assignments) {
            context.setVariable(assignment[0], assignment[1]);
        }
        return 0;
    }

    /** Shared with {@code unset}. */
    static void checkName(String name) throws UsageException {
        if (!NAME.matcher(name).matches()) {
            throw usage(printable(name) + ": not a valid variable name");
        }
    }
}
