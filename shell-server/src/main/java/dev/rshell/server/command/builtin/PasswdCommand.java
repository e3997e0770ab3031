package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.util.Arrays;
import java.util.List;

/**
 * {@code passwd OLD NEW}: changes the logged-in user's own password, any role. NEW must have at
 * least {@link #MIN_LENGTH} characters, differ from OLD and hold no control characters; the
 * server then checks OLD as a login would (same cost, same concurrency limit) and stores NEW.
 *
 * <p>Both words are secrets: no message ever repeats them (the audit log leaves them out too,
 * elsewhere), they are not parsed as options (a password may start with {@code -}), and the
 * char copies handed to the server are zeroed afterwards. The argument strings themselves
 * can't be wiped; they live only as long as the command line.
 */
final class PasswdCommand extends BuiltinCommand {

    /** The fewest characters (code points) a new password may have. */
    static final int MIN_LENGTH = 8;

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
            String problem = weakness(oldPassword, newPassword);
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
    private static String weakness(char[] oldPassword, char[] newPassword) {
        int codePoints = 0;
        for (int i = 0; i < newPassword.length; codePoints++) {
            int c = Character.codePointAt(newPassword, i);
            if (Character.isISOControl(c)) {
                return "the new password must not contain control characters";
            }
            i += Character.charCount(c);
        }
        if (codePoints < MIN_LENGTH) {
            return "the new password must have at least " + MIN_LENGTH + " characters";
        }
        if (Arrays.equals(oldPassword, newPassword)) {
            return "the new password must differ from the old one";
        }
        return null;
    }
}
