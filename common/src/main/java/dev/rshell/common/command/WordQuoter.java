package dev.rshell.common.command;

import java.util.Objects;

/**
 * Writes one word so that {@link CommandLineParser} reads it back as exactly that word: the
 * inverse used by {@code :complete} for its candidates. For every word without NUL,
 * {@code parse(quote(w))} is the command {@code [w]}, whatever the context.
 *
 * <p>Thread safety: stateless.
 */
public final class WordQuoter {

    private WordQuoter() {
    }

    /**
     * Returns {@code word} unchanged when no character of it is special to the parser, else
     * wrapped in {@code '...'} with each embedded {@code '} written as {@code '\''}; the empty
     * word is {@code ''}. Quoting whole words (rather than escaping single characters) keeps
     * candidates readable and is safe for any text: nothing is special inside single quotes.
     */
    public static String quote(String word) {
        Objects.requireNonNull(word, "word");
        if (!needsQuoting(word)) {
            return word;
        }
        StringBuilder quoted = new StringBuilder(word.length() + 8).append('\'');
        int from = 0;
        for (int i = word.indexOf('\''); i >= 0; i = word.indexOf('\'', from)) {
            quoted.append(word, from, i).append("'\\''");
            from = i + 1;
        }
        return quoted.append(word, from, word.length()).append('\'').toString();
    }

    private static boolean needsQuoting(String word) {
        if (word.isEmpty()) {
            return true;
        }
        // The fast path's table: ~ and # are only special at a word's start, but quoting
        // them anywhere costs two quotes and keeps a single definition of "special".
        for (int i = 0, n = word.length(); i < n; i++) {
            char c = word.charAt(i);
            if (Chars.isBlank(c) || !Chars.isPlain(c)) {
                return true;
            }
        }
        return false;
    }
}
