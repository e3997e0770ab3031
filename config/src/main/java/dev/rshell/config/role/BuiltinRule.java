package dev.rshell.config.role;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which built-in commands a role may run: {@link All}, {@link Only} some, or
 * {@link AllExcept} some. The config module does not know the built-ins' names; it checks
 * only their form ({@link #NAME}), and the server checks that each named one exists.
 *
 * <p>Written in a properties file as {@code role.NAME.builtins = VALUE}, see {@link #parse}.
 *
 * <p>Thread safety: immutable.
 */
public sealed interface BuiltinRule {

    /** The form of a built-in name: a lower-case letter, then letters, digits and {@code -}. */
    Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    /** What {@link #parse} accepts, completing "is not allowed: …". */
    String ALLOWED = "all, none, built-in names separated by commas, or all-except:NAME[,NAME...]"
            + " (a name is a lower-case letter, then a-z, 0-9 and -)";

    /** Every built-in. */
    BuiltinRule ALL = new All();

    /** Whether a command of this role may run built-in {@code builtin}. */
    boolean allows(String builtin);

    /** This rule as it is written in a properties file; {@link #parse} reads it back. */
    String text();

    /** Every built-in. */
    record All() implements BuiltinRule {
        @Override
        public boolean allows(String builtin) {
            return true;
        }

        @Override
        public String text() {
            return "all";
        }
    }

    /**
     * Only the built-ins named; none when {@code names} is empty.
     *
     * @param names built-in names, sorted; unmodifiable
     */
    record Only(Set<String> names) implements BuiltinRule {
        /** @throws IllegalArgumentException when a name is not of the form {@link #NAME} */
        public Only {
            names = checkedNames(names);
        }

        @Override
        public boolean allows(String builtin) {
            return names.contains(builtin);
        }

        @Override
        public String text() {
            return names.isEmpty() ? "none" : String.join(",", names);
        }
    }

    /**
     * Every built-in but those named.
     *
     * @param names built-in names, at least one, sorted; unmodifiable
     */
    record AllExcept(Set<String> names) implements BuiltinRule {
        /** @throws IllegalArgumentException when a name is malformed, or there is none */
        public AllExcept {
            names = checkedNames(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("all-except needs at least one name; use all");
            }
        }

        @Override
        public boolean allows(String builtin) {
            return !names.contains(builtin);
        }

        @Override
        public String text() {
            return "all-except:" + String.join(",", names);
        }
    }

    /** {@link Only} the built-ins {@code names}. */
    static BuiltinRule only(List<String> names) {
        return new Only(Set.copyOf(names));
    }

    /** {@link AllExcept} the built-ins {@code names}. */
    static BuiltinRule allExcept(List<String> names) {
        return new AllExcept(Set.copyOf(names));
    }

    /**
     * Reads a rule as written: {@code all}, {@code none}, {@code all-except:a,b} or a list
     * {@code a,b,c}. Keywords in any case; blanks around commas are dropped; an empty entry,
     * an empty list or a malformed name makes the whole value invalid.
     *
     * @return the rule; empty when {@code text} is not allowed ({@link #ALLOWED})
     */
    static Optional<BuiltinRule> parse(String text) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return Optional.of(ALL);
        }
        if (lower.equals("none")) {
            return Optional.of(new Only(Set.of()));
        }
        boolean except = lower.startsWith("all-except:");
        Optional<Set<String>> names = Lists.split(except ? t.substring("all-except:".length()) : t)
                .filter(list -> list.stream().allMatch(n -> NAME.matcher(n).matches()))
                .map(Set::copyOf);
        return names.map(n -> except ? new AllExcept(n) : new Only(n));
    }

    private static Set<String> checkedNames(Set<String> names) {
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException("built-in name \"" + n + "\" is not allowed: "
                        + "a lower-case letter, then a-z, 0-9 and -");
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(names));
    }
}
