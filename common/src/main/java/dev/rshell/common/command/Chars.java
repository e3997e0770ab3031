package dev.rshell.common.command;

/** Character classes shared by the parser's fast path and the quoter, so the two never disagree. */
final class Chars {

    /**
     * ASCII characters that can mean something to the lexer somewhere in a line. {@code ~} and
     * {@code #} only matter at the start of a word, but a line holding them anywhere just takes
     * the full lexer, which is still correct.
     */
    private static final boolean[] SPECIAL = new boolean[128];

    static {
        for (char c : "\0'\"\\$~#|;<>&*?[{`".toCharArray()) {
            SPECIAL[c] = true;
        }
    }

    private Chars() {
    }

    /** Only space and tab separate words: other white space is an ordinary character. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** True when {@code c} never needs the full lexer (no quoting, expansion or operator role). */
    static boolean isPlain(char c) {
        return c >= 128 || !SPECIAL[c];
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Unquoted, these start a pipe, list or redirection, which version 1 does not have. */
    static boolean isOperator(char c) {
        return c == '|' || c == ';' || c == '<' || c == '>' || c == '&';
    }
}
