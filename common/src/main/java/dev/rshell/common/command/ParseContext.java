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
}
