package dev.rshell.server.command;

import dev.rshell.common.command.WordQuoter;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Answers {@code :complete LINE}: command names when the last word is the first, else paths
 * (protocol.md). Candidates replace the whole last word, are quoted where needed, sorted, and
 * at most {@value #MAX_CANDIDATES}.
 *
 * <p>Scanning is bounded ({@value #MAX_SCANNED} directory entries per call) so a huge
 * directory can't stall the reader thread that answers.
 *
 * <p>Thread safety: immutable; one instance may serve many sessions.
 */
public final class Completer {

    /** Most candidates in one answer. */
    public static final int MAX_CANDIDATES = 256;
    private static final int MAX_SCANNED = 100_000;

    private final CommandRegistry commands;
    private final boolean anyProgram;
    private final java.util.Set<String> allowedPrograms;
    private final java.util.function.Predicate<Path> mayList;

    /**
     * @param commands        the built-ins the user may run
     * @param anyProgram      whether every program on the PATH is a candidate
     * @param allowedPrograms otherwise, the program names that are (when found on the PATH)
     * @param mayList         whether a directory's entries may be offered
     */
    public Completer(CommandRegistry commands, boolean anyProgram, java.util.Set<String> allowedPrograms,
                     java.util.function.Predicate<Path> mayList) {
        this.mayList = mayList;
        this.commands = commands;
        this.anyProgram = anyProgram;
        this.allowedPrograms = allowedPrograms;
    }

    /**
     * Completes the last word of {@code line}.
     *
     * @param line             the text after {@code :complete }, trailing blanks included
     * @param workingDirectory for relative paths
     * @param home             for {@code ~}
     * @param path             the session's PATH, for program names
     */
    public List<String> complete(String line, Path workingDirectory, Path home, String path) {
        LastWord last = LastWord.of(line);
        TreeSet<String> found = new TreeSet<>();
        if (last.first()) {
            commandNames(last.text(), path, found);
        } else {
            try {
                paths(last.text(), workingDirectory, home, found);
            } catch (InvalidPathException e) {
                // A word no path can spell (a NUL, or a character the file system's encoding
                // lacks) completes to nothing, as a missing directory does; uncaught, it
                // would end the reader thread that answers, and the session with it.
            }
        }
        List<String> out = new ArrayList<>(Math.min(found.size(), MAX_CANDIDATES));
        for (String candidate : found) {
            if (out.size() == MAX_CANDIDATES) {
                break;
            }
            out.add(candidate);
        }
        return out;
    }

    private void commandNames(String prefix, String path, TreeSet<String> found) {
        for (Command command : commands.all()) {
            if (command.name().startsWith(prefix)) {
                found.add(WordQuoter.quote(command.name()));
            }
        }
        if ((!anyProgram && allowedPrograms.isEmpty()) || path == null || prefix.contains("/")) {
            return;
        }
        int[] scanned = {0};
        for (String dir : path.split(":")) {
            if (dir.startsWith("/")) {
                scan(Path.of(dir), prefix, scanned, name -> {
                    if (anyProgram || allowedPrograms.contains(name)) {
                        found.add(WordQuoter.quote(name));
                    }
                }, true);
            }
        }
    }

    private void paths(String word, Path workingDirectory, Path home, TreeSet<String> found) {
        int slash = word.lastIndexOf('/');
        String typedDir = slash < 0 ? "" : word.substring(0, slash + 1);
        String prefix = word.substring(slash + 1);
        Path dir;
        if (typedDir.startsWith("~/") && home != null) {
            dir = home.resolve(typedDir.substring(2));
        } else if (typedDir.isEmpty()) {
            dir = workingDirectory;
        } else {
            dir = workingDirectory.resolve(typedDir);
        }
        if (!mayList.test(dir)) {
            return; // file names in a fenced directory are not offered either
        }
        int[] scanned = {0};
        scan(dir, prefix, scanned, name -> {
            String suffix = Files.isDirectory(dir.resolve(name)) ? "/" : "";
            found.add(quotePath(typedDir + name) + suffix);
        }, false);
    }

    /** Quotes a path word, keeping a leading {@code ~/} outside the quotes so it still expands. */
    private static String quotePath(String word) {
        return word.startsWith("~/") ? "~/" + WordQuoter.quote(word.substring(2)) : WordQuoter.quote(word);
    }

    private static void scan(Path dir, String prefix, int[] scanned,
                             java.util.function.Consumer<String> match, boolean executablesOnly) {
        boolean showHidden = prefix.startsWith(".");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (++scanned[0] > MAX_SCANNED) {
                    return;
                }
                String name = entry.getFileName().toString();
                if (!name.startsWith(prefix) || (name.startsWith(".") && !showHidden)
                        || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
                    // A name with a line break can't be offered on one protocol line.
                    continue;
                }
                if (executablesOnly && !(Files.isRegularFile(entry) && Files.isExecutable(entry))) {
                    continue;
                }
                match.accept(name);
            }
        } catch (IOException | RuntimeException e) {
            // An unreadable or missing directory simply offers nothing.
        }
    }

    /** The last word of a partial line, unquoted for matching, and whether it is the first. */
    record LastWord(String text, boolean first) {
        static LastWord of(String line) {
            StringBuilder word = new StringBuilder();
            boolean sawEarlierWord = false;
            boolean inWord = false;
            char quote = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        word.append(c);
                    }
                } else if (c == ' ' || c == '\t') {
                    if (inWord) {
                        sawEarlierWord = true;
                        inWord = false;
                        word.setLength(0);
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                    inWord = true;
                } else if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                    inWord = true;
                } else {
                    word.append(c);
                    inWord = true;
                }
            }
            return new LastWord(word.toString(), !sawEarlierWord);
        }
    }
}
