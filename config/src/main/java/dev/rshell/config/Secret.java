package dev.rshell.config;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret setting value, such as a keystore password, that never shows itself: its
 * {@link #toString()} is {@code ***}, so it stays out of messages, logs and the
 * {@code toString} of records holding it ({@link ServerSettings}). Only
 * {@link #toCharArray()} reveals it, as a copy the caller should wipe after use.
 *
 * <p>Thread safety: immutable.
 */
public final class Secret {

    /** How a secret is shown anywhere text is made of it. */
    public static final String MASK = "***";

    private final char[] chars;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** A secret holding a copy of {@code chars}. */
    public static Secret of(char[] chars) {
        return new Secret(Objects.requireNonNull(chars, "chars").clone());
    }

    /** A secret holding the characters of {@code text}. */
    public static Secret of(String text) {
        return new Secret(Objects.requireNonNull(text, "text").toCharArray());
    }

    /** A copy of the secret; wipe it ({@code Arrays.fill(a, '\0')}) when done. */
    public char[] toCharArray() {
        return chars.clone();
    }

    /** The number of characters. */
    public int length() {
        return chars.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(chars, s.chars);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    /** Always {@value #MASK}, whatever the secret. */
    @Override
    public String toString() {
        return MASK;
    }
}
