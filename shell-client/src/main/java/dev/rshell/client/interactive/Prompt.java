package dev.rshell.client.interactive;

/**
 * The prompt {@code USER@HOST:CWD$ }: the directory from the session's {@code cwd} lines, the
 * home directory (the first {@code cwd} after login) shown as {@code ~}, and {@code #} instead of
 * {@code $} for the role {@code admin}. An IPv6 host is bracketed. Control characters (a path may
 * hold any) show as {@code ?}, and {@code %} is doubled because JLine expands prompt patterns.
 *
 * <p>Thread safety: immutable.
 */
record Prompt(String user, String host, boolean admin) {

    /** The prompt for working directory {@code cwd} (null: not known yet) and {@code home}. */
    String text(String cwd, String home) {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        String dir = cwd == null ? "?" : tilde(cwd, home);
        String plain = clean(user + "@" + h + ":" + dir) + (admin ? "# " : "$ ");
        return plain.replace("%", "%%");
    }

    /** {@code cwd} with a leading {@code home} shown as {@code ~}. */
    static String tilde(String cwd, String home) {
        if (home == null || home.equals("/") || home.isEmpty()) {
            return cwd;
        }
        if (cwd.equals(home)) {
            return "~";
        }
        if (cwd.startsWith(home + "/")) {
            return "~" + cwd.substring(home.length());
        }
        return cwd;
    }

    private static String clean(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }
}
