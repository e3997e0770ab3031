package dev.rshell.server.command.builtin;

import dev.rshell.config.user.PasswordPolicy;
import dev.rshell.server.command.CommandContext;
import java.util.Arrays;
import java.util.List;

/**
 * {@code passwd OLD NEW}: changes the logged-in user's own password, any role. NEW must pass
 * the server's password policy ({@code password-min-length}, no control characters, the same
 * as for {@code rshell-server user add} and {@code user passwd}) and differ from OLD; the
 * server then checks OLD as a login would (same cost, same concurrency limit) and stores NEW.
 *
 * <p>Both words are secrets: no message ever repeats them (the audit log leaves them out too,
 * elsewhere), they are not parsed as options (a password may start with {@code -}), and the
 * char copies handed to the server are zeroed afterwards. The argument strings themselves
 * can't be wiped; they live only as long as the command line.
 */
final class PasswdCommand extends BuiltinCommand {

    PasswdCommand() {
        super("passwd", "passwd OLD NEW", "change your own password");
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.size() != 2) {
            throw usage(args.size() > 2 ? "too many arguments"
                    : args.isEmpty() ? "missing OLD and NEW" : "missing NEW");
        }
        char[] oldPassword = args.get(0).toCharArray();
        char[] newPassword = args.get(1).toCharArray();
        try {
            String problem = weakness(context.passwordPolicy(), oldPassword, newPassword);
            if (problem != null) {
                context.output().err("passwd: " + problem);
                return FAILURE;
            }
            if (!context.changePassword(oldPassword, newPassword)) {
                context.output().err("passwd: the old password is wrong");
                return FAILURE;
            }
            context.output().out("password changed");
            return 0;
        } finally {
            Arrays.fill(oldPassword, '\0');
            Arrays.fill(newPassword, '\0');
        }
    }

    /**
     * What is wrong with the new password, or null; never quotes either password. It reads the
     * chars in place rather than making a String, which could not be wiped.
     */
    private static String weakness(PasswordPolicy policy, char[] oldPassword, char[] newPassword) {
        java.util.Optional<String> weak = policy.weakness(newPassword);
        if (weak.isPresent()) {
            return "the new password " + weak.get();
        }
        if (Arrays.equals(oldPassword, newPassword)) {
            return "the new password must differ from the old one";
        }
        return null;
    }
}
