package dev.rshell.server.exec;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the program a command word names, the way {@code sh} does, but on the session's
 * {@code PATH} and working directory rather than the server's.
 *
 * <ul>
 *   <li>A word containing {@code /} names a file: relative words are resolved against the
 *       working directory, and {@code PATH} is not consulted.</li>
 *   <li>Any other word is looked up in each directory of {@code PATH} in order (entries are
 *       separated by {@link File#pathSeparator}: {@code :} on Unix). Empty and
 *       relative entries are skipped: {@code sh} treats them as the current directory, which
 *       would make what a word runs depend on where the session happens to be (a planted
 *       {@code ./ls} in a shared directory). An unset or empty {@code PATH} finds nothing; there
 *       is no built-in default path, because the session's environment is the only source of
 *       truth about where programs live.</li>
 *   <li>Only regular files the server may execute match. A regular file that exists but may
 *       not be executed is remembered, and reported as {@link NotExecutable} if no later
 *       directory has an executable one (status 126, as in {@code sh}); otherwise the answer is
 *       {@link NotFound} (status 127). Directories on {@code PATH} named like the word are
 *       skipped.</li>
 * </ul>
 *
 * <p>Nothing is cached: the file system may change between two commands, and a lookup costs
 * a couple of {@code stat} calls per {@code PATH} entry.
 *
 * <p>Thread safety: stateless; safe from any thread.
 */
public final class ProgramResolver {

    /** The outcome of a lookup: exactly one of the three records below. */
    public sealed interface Result permits Found, NotFound, NotExecutable {
    }

    /**
     * The word names this executable regular file.
     *
     * @param path the program, absolute when the working directory is
     */
    public record Found(Path path) implements Result {
    }

    /** Nothing by that name exists (status 127, "command not found"). */
    public record NotFound() implements Result {
    }

    /**
     * Something by that name exists but can't be run: a file without execute permission, or,
     * for a word with a {@code /}, a directory or other non-regular file (status 126).
     *
     * @param path what was found
     */
    public record NotExecutable(Path path) implements Result {
    }

    private static final NotFound NOT_FOUND = new NotFound();

    private ProgramResolver() {
    }

    /**
     * Looks {@code word} up.
     *
     * @param word             the command word ({@code argv[0]})
     * @param pathVariable     the session's {@code PATH}, or null when unset
     * @param workingDirectory the session's working directory (absolute)
     * @return found, not found, or exists but not executable
     */
    public static Result lookup(String word, String pathVariable, Path workingDirectory) {
        if (word == null || word.isEmpty() || word.indexOf('\0') >= 0) {
            return NOT_FOUND;
        }
        if (word.indexOf('/') >= 0) {
            return lookupFile(word, workingDirectory);
        }
        if (pathVariable == null || pathVariable.isEmpty()) {
            return NOT_FOUND;
        }
        Path notExecutable = null;
        for (String entry : pathVariable.split(Pattern.quote(File.pathSeparator), -1)) {
            Path candidate = candidate(entry, word);
            if (candidate == null || !Files.isRegularFile(candidate)) {
                continue;
            }
            if (Files.isExecutable(candidate)) {
                return new Found(candidate);
            }
            if (notExecutable == null) {
                notExecutable = candidate;
            }
        }
        return notExecutable == null ? NOT_FOUND : new NotExecutable(notExecutable);
    }

    /**
     * Looks {@code word} up and answers only a runnable program; use {@link #lookup} to tell
     * "not executable" from "not found".
     */
    public static Optional<Path> resolve(String word, String pathVariable, Path workingDirectory) {
        return lookup(word, pathVariable, workingDirectory) instanceof Found found
                ? Optional.of(found.path())
                : Optional.empty();
    }

    private static Result lookupFile(String word, Path workingDirectory) {
        Path file;
        try {
            file = workingDirectory.resolve(word);
        } catch (InvalidPathException e) {
            return NOT_FOUND;
        }
        if (Files.isRegularFile(file) && Files.isExecutable(file)) {
            return new Found(file);
        }
        // A word with a slash names one file: if it exists at all, the user meant it, and the
        // honest answer is that it can't be run (sh: 126), not that it is missing.
        return Files.exists(file) ? new NotExecutable(file) : NOT_FOUND;
    }

    /** The file {@code word} would be in PATH entry {@code entry}, or null to skip the entry. */
    private static Path candidate(String entry, String word) {
        if (entry.isEmpty()) {
            return null;
        }
        try {
            Path directory = Path.of(entry);
            return directory.isAbsolute() ? directory.resolve(word) : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
