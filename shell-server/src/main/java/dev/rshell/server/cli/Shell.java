package dev.rshell.server.cli;

import java.util.regex.Pattern;

/** Quoting for words the program prints as commands to copy into a POSIX shell. */
final class Shell {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private Shell() {
    }

    /** {@code word} as is when the shell takes it literally, else in single quotes. */
    static String quote(String word) {
        return SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
