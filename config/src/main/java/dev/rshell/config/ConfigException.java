package dev.rshell.config;

import java.util.List;

/**
 * The configuration can't be used; {@link #problems()} says every reason at once.
 *
 * <p>Unchecked on purpose: a bad configuration is not something code can recover from, only
 * the person who wrote it. The top level catches it, prints each problem on its own line,
 * and exits; everything in between just lets it pass. Each problem is one line that names
 * the setting (or file), the value, where it came from and what is allowed, e.g.
 * {@code port: "70000" from flag --port is not allowed: a whole number from 0 to 65535}.
 *
 * <p>Also used for a malformed users file, whose problems name {@code file:line}.
 */
public class ConfigException extends RuntimeException {

    private final List<String> problems;

    /**
     * @param problems one-line messages, at least one
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<String> problems) {
        super(String.join("\n", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    /** A single problem. */
    public ConfigException(String problem) {
        this(List.of(problem));
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems;
    }

    /** Every problem found, one line each, in the order found; never empty. */
    public List<String> problems() {
        return problems;
    }
}
