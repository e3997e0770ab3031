package dev.rshell.config.role;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Which OS programs a role may run: none ({@link Off}), any ({@link Any}), or those on an
 * allowlist ({@link Allow}) of program names and absolute paths. The server setting
 * {@code exec = off} overrides every policy.
 *
 * <p>Written in a properties file as {@code role.NAME.exec = VALUE}, see {@link #parse}.
 *
 * <p>Thread safety: immutable.
 */
public sealed interface ExecPolicy {

    /** What {@link #parse} accepts, completing "is not allowed: …". */
    String ALLOWED = "off, any, or allow:PROG[,PROG...] where each PROG is a program name"
            + " (no /) or an absolute path";

    /** No OS program. */
    ExecPolicy OFF = new Off();
    /** Every OS program. */
    ExecPolicy ANY = new Any();

    /**
     * Whether the command word {@code program}, as the user typed it, may run: a name without
     * {@code /} when the policy names it, an absolute path when the policy lists that path
     * (compared after removing {@code .} and {@code ..}). A relative path with a {@code /}
     * ({@code ./x}, {@code bin/x}) is allowed only by {@link Any}. A name allows the program
     * of that name found on the server's {@code exec-path}; where it is looked up is the
     * server's business, not this method's.
     */
    boolean allows(String program);

    /** This policy as it is written in a properties file; {@link #parse} reads it back. */
    String text();

    /** No OS program may run. */
    record Off() implements ExecPolicy {
        @Override
        public boolean allows(String program) {
            return false;
        }

        @Override
        public String text() {
            return "off";
        }
    }

    /** Every OS program may run. */
    record Any() implements ExecPolicy {
        @Override
        public boolean allows(String program) {
            return true;
        }

        @Override
        public String text() {
            return "any";
        }
    }

    /**
     * Only the programs listed.
     *
     * @param names program names (no {@code /}), looked up on {@code exec-path}; sorted, unmodifiable
     * @param paths absolute, normalized program paths; sorted, unmodifiable
     */
    record Allow(Set<String> names, Set<Path> paths) implements ExecPolicy {
        /** @throws IllegalArgumentException for a malformed entry, or when both sets are empty */
        public Allow {
            for (String n : names) {
                if (!isProgramName(n)) {
                    throw new IllegalArgumentException("program name \"" + n + "\" is not allowed: "
                            + "no /, blank, comma or control character, and not . or ..");
                }
            }
            for (Path p : paths) {
                if (!p.isAbsolute() || !p.equals(p.normalize())) {
                    throw new IllegalArgumentException("program path " + p + " is not absolute and normalized");
                }
            }
            if (names.isEmpty() && paths.isEmpty()) {
                throw new IllegalArgumentException("an allowlist needs at least one program; use off");
            }
            names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
            paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
        }

        @Override
        public boolean allows(String program) {
            if (program.indexOf('/') < 0) {
                return names.contains(program);
            }
            return program.startsWith("/") && absolute(program).map(paths::contains).orElse(false);
        }

        @Override
        public String text() {
            return "allow:" + names.stream().collect(Collectors.joining(","))
                    + (names.isEmpty() || paths.isEmpty() ? "" : ",")
                    + paths.stream().map(Path::toString).collect(Collectors.joining(","));
        }
    }

    /** An {@link Allow} of {@code programs}: names, and absolute paths starting with {@code /}. */
    static ExecPolicy allow(List<String> programs) {
        Set<String> names = new HashSet<>();
        Set<Path> paths = new HashSet<>();
        for (String p : programs) {
            if (p.startsWith("/")) {
                paths.add(absolute(p).orElseThrow(
                        () -> new IllegalArgumentException("program path \"" + p + "\" is not a path")));
            } else {
                names.add(p);
            }
        }
        return new Allow(names, paths);
    }

    /**
     * Reads a policy as written: {@code off}, {@code any} or {@code allow:PROG[,PROG...]}.
     * Keywords in any case; blanks around commas are dropped.
     *
     * @return the policy; empty when {@code text} is not allowed ({@link #ALLOWED})
     */
    static Optional<ExecPolicy> parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("off")) {
            return Optional.of(OFF);
        }
        if (lower.equals("any")) {
            return Optional.of(ANY);
        }
        if (!lower.startsWith("allow:")) {
            return Optional.empty();
        }
        Optional<List<String>> programs = Lists.split(t.substring("allow:".length()));
        if (programs.isEmpty()) {
            return Optional.empty();
        }
        for (String p : programs.get()) {
            boolean ok = p.startsWith("/") ? absolute(p).isPresent() && !hasControl(p) : isProgramName(p);
            if (!ok) {
                return Optional.empty();
            }
        }
        return Optional.of(allow(programs.get()));
    }

    private static boolean isProgramName(String n) {
        return !n.isEmpty() && !n.equals(".") && !n.equals("..") && n.indexOf('/') < 0
                && n.indexOf(',') < 0 && n.chars().noneMatch(c -> Character.isWhitespace(c)
                        || Character.isISOControl(c));
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static Optional<Path> absolute(String p) {
        try {
            Path path = Path.of(p);
            return path.isAbsolute() ? Optional.of(path.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
