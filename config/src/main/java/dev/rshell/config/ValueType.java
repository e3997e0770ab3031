package dev.rshell.config;

import java.util.Optional;

/**
 * How a setting's raw text becomes a typed value, and how to say what text is allowed.
 *
 * <p>A parser answers "no" with an empty result rather than an exception: the loader then
 * builds one uniform message from the setting name, the value, its origin and
 * {@link #allowed()}, so every message has the same shape whatever the type.
 *
 * @param <T> the type of the parsed value
 */
public interface ValueType<T> {

    /** What is allowed, completing "is not allowed: …", e.g. "a whole number from 0 to 65535". */
    String allowed();

    /**
     * Parses {@code raw}, already stripped of surrounding blanks.
     *
     * @return the value, or empty when {@code raw} is not allowed (wrong form or out of range)
     */
    Optional<T> parse(String raw, ParseContext context);
}
