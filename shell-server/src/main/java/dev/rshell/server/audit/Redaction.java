package dev.rshell.server.audit;

import java.util.List;

/**
 * The one place that decides which words of a command may be recorded. Today there is one
 * rule: the arguments of {@code passwd} are passwords, so a command whose program is
 * {@code passwd} is recorded as its program name alone. The rule looks at the program's base
 * name, so {@code /usr/bin/passwd} is treated the same (its arguments are user names rather
 * than passwords, but dropping them costs nothing and keeps the rule simple to trust).
 *
 * <p>Anything that shows other people's commands (the audit log, a session list) should pass
 * argv through {@link #argv} first; {@link AuditEvent}'s command events do so when made.
 *
 * <p>Thread safety: stateless.
 */
public final class Redaction {

    /** The built-in whose arguments are never recorded. */
    public static final String PASSWD = "passwd";

    private Redaction() {
    }

    /**
     * argv as it may be recorded: unchanged, or its first word alone when that word names
     * {@code passwd}.
     *
     * @param argv a command's words (not null; may be empty)
     * @return {@code argv} itself when nothing is dropped, else a new one-word list
     */
    public static List<String> argv(List<String> argv) {
        if (argv.size() > 1 && isPasswd(argv.get(0))) {
            return List.of(argv.get(0));
        }
        return argv;
    }

    /** Whether {@code program}'s base name is {@code passwd}. */
    static boolean isPasswd(String program) {
        int slash = Math.max(program.lastIndexOf('/'), program.lastIndexOf('\\'));
        return program.substring(slash + 1).equals(PASSWD);
    }
}
