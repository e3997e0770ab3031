package dev.rshell.common.command;

import java.nio.file.Path;

/**
 * What expansion needs from the session: variables, {@code $?}, the home directory for
 * {@code ~} and the working directory for relative globs. The parser calls it only while
 * {@link CommandLineParser#parse} runs, on the caller's thread, and never keeps it.
 */
public interface ParseContext {

    /** Value of an environment variable, or null when unset. */
    String variable(String name);

    /** Status of the session's last finished foreground command ({@code $?}). */
    int lastStatus();

    /** The user's home directory, for {@code ~}; null leaves {@code ~} literal. */
    Path home();

    /** The working directory, for relative globs; null makes relative globs match nothing. */
    Path workingDirectory();

    /**
     * Whether a glob may list {@code directory}: a server fences directories some users may
     * not look into, and a glob must not reveal their file names either. Everything by default.
     */
    default boolean mayList(java.nio.file.Path directory) {
        return true;
    }

    /**
     * A context with nothing in it: no variables, no home, no working directory, and no
     * directory may be listed, so words come out as written and a parse touches no file.
     * For checking a line's syntax where it will not run (a client before it sends the line).
     */
    static ParseContext none() {
        return Nothing.INSTANCE;
    }

    /** The one {@link #none()}. */
    enum Nothing implements ParseContext {
        INSTANCE;

        @Override
        public String variable(String name) {
            return null;
        }

        @Override
        public int lastStatus() {
            return 0;
        }

        @Override
        public Path home() {
            return null;
        }

        @Override
        public Path workingDirectory() {
            return null;
        }

        @Override
        public boolean mayList(Path directory) {
            return false;
        }
    }
}
