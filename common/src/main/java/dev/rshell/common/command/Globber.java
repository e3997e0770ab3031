package dev.rshell.common.command;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * File-name generation for the words of one line. A pattern is split at {@code /} into parts;
 * parts without glob syntax are used as they are, the others are matched against the names in
 * each directory reached so far. A word starting with {@code /} is matched from the root, any
 * other from the working directory, and the results keep the word's own form: {@code sub/*.c}
 * gives {@code sub/x.c}, not an absolute path. A part ending in {@code /} matches directories
 * only. Matches are sorted by {@link String#compareTo}; {@code .} and {@code ..} are never
 * produced. No match leaves the word as it is (quotes already removed).
 *
 * <p>Errors reading a directory (missing, not a directory, no permission) mean no matches
 * from it, as in sh. Only the {@link GlobBudget} can fail a line.
 *
 * <p>One instance per line; not thread safe (it is never shared).
 */
final class Globber {

    /** A path reached so far: the text it adds to argv and where it is on disk. */
    private record Candidate(String text, Path path) {
    }

    private static final Path ROOT = Path.of("/");

    private final Path workingDirectory;
    private final GlobBudget budget;

    private final java.util.function.Predicate<Path> mayList;

    Globber(Path workingDirectory, GlobBudget budget) {
        this(workingDirectory, budget, dir -> true);
    }

    Globber(Path workingDirectory, GlobBudget budget, java.util.function.Predicate<Path> mayList) {
        this.mayList = mayList;
        this.workingDirectory = workingDirectory;
        this.budget = budget;
    }

    /** Adds the expansion of one word to {@code out}. */
    void expand(String text, boolean[] active, List<String> out) throws SyntaxFailure {
        List<String> matches = matches(text, active);
        if (matches == null || matches.isEmpty()) {
            out.add(text);
            return;
        }
        budget.matches(matches.size());
        Collections.sort(matches);
        out.addAll(matches);
    }

    /** The matches, unsorted; empty for no match; null when the word has no glob syntax. */
    private List<String> matches(String text, boolean[] active) throws SyntaxFailure {
        int length = text.length();
        int i = 0;
        while (i < length && text.charAt(i) == '/') {
            i++;
        }
        List<Candidate> current = new ArrayList<>();
        current.add(new Candidate(text.substring(0, i), i > 0 ? ROOT : workingDirectory));
        boolean globbed = false;
        while (i < length) {
            // Consecutive plain parts are resolved as one path: part by part, a long
            // "a/a/a/.../*" would copy the growing prefix once per part.
            int runEnd = -1;
            int runNext = i;
            GlobPattern pattern = null;
            int end = i;
            int next = i;
            while (next < length) {
                int partStart = next;
                end = text.indexOf('/', partStart);
                if (end < 0) {
                    end = length;
                }
                next = end;
                while (next < length && text.charAt(next) == '/') {
                    next++;
                }
                pattern = GlobPattern.compile(text, active, partStart, end);
                if (pattern != null) {
                    break;
                }
                runEnd = end;
                runNext = next;
            }
            if (runEnd >= 0) {
                current = literalPart(current, text.substring(i, runEnd),
                        text.substring(runEnd, runNext), runNext > runEnd, globbed);
            }
            if (pattern == null || current.isEmpty()) {
                break;
            }
            // Something after this part (another part or a trailing /): it must be a directory.
            current = matchPart(current, pattern, text.substring(end, next), next > end);
            globbed = true;
            if (current.isEmpty()) {
                break;
            }
            i = next;
        }
        if (!globbed) {
            return null;
        }
        List<String> texts = new ArrayList<>(current.size());
        for (Candidate c : current) {
            texts.add(c.text());
        }
        return texts;
    }

    private List<Candidate> matchPart(List<Candidate> current, GlobPattern pattern,
            String separator, boolean directory) throws SyntaxFailure {
        List<Candidate> next = new ArrayList<>();
        for (Candidate c : current) {
            if (c.path() == null || !mayList.test(c.path())) {
                continue; // a fenced directory matches nothing, as an unreadable one does
            }
            List<Candidate> found = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(c.path())) {
                for (Path entry : entries) {
                    budget.entry();
                    Path fileName = entry.getFileName();
                    if (fileName == null) {
                        continue;
                    }
                    String name = fileName.toString();
                    if (pattern.matches(name, budget)
                            && (!directory || Files.isDirectory(entry))) {
                        found.add(new Candidate(c.text() + name + separator, entry));
                        budget.candidates(next.size() + found.size());
                    }
                }
            } catch (IOException | DirectoryIteratorException | SecurityException e) {
                // Unreadable or not a directory: no matches from here, as in sh.
                found.clear();
            }
            next.addAll(found);
        }
        return next;
    }

    private List<Candidate> literalPart(List<Candidate> current, String name, String separator,
            boolean directory, boolean globbed) throws SyntaxFailure {
        List<Candidate> next = new ArrayList<>(current.size());
        for (Candidate c : current) {
            Path path = resolve(c.path(), name);
            // Before the first glob the directory listing will tell whether the path exists;
            // after it, each candidate has to be checked, or "*/file" would keep every dir.
            if (globbed && !exists(path, directory)) {
                continue;
            }
            next.add(new Candidate(c.text() + name + separator, path));
        }
        return next;
    }

    private static Path resolve(Path base, String name) {
        if (base == null) {
            return null;
        }
        try {
            return base.resolve(name);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private boolean exists(Path path, boolean directory) throws SyntaxFailure {
        if (path == null) {
            return false;
        }
        budget.entry();
        try {
            return directory
                    ? Files.isDirectory(path)
                    : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        } catch (SecurityException e) {
            return false;
        }
    }
}
