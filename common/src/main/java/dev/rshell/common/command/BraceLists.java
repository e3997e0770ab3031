package dev.rshell.common.command;

import java.util.ArrayDeque;
import java.util.regex.Pattern;

/**
 * Finds what bash would brace-expand in a word, so the lexer can refuse it rather than pass it
 * on as text that means something else in every shell an admin knows: a list with a comma
 * ({@code {a,b}}, {@code x{,.bak}}, {@code {a,{b,c}}}) or a sequence ({@code {1..3}},
 * {@code {a..e}}, {@code {0..10..2}}). Braces without either ({@code {}, {@code }},
 * {@code {}}, {@code {a}}) are plain text, as in bash. Quoted and escaped text never counts,
 * and {@code ${NAME}} is an expansion of its own.
 *
 * <p>Thread safety: stateless.
 */
final class BraceLists {

    private static final Pattern SEQUENCE =
            Pattern.compile("(-?[0-9]+\\.\\.-?[0-9]+|[A-Za-z]\\.\\.[A-Za-z])(\\.\\.-?[0-9]+)?");

    /** Longer than any sequence of two 19-digit numbers and a step. */
    private static final int MAX_SEQUENCE_CHARS = 64;

    private BraceLists() {
    }

    /**
     * Whether the word of {@code line} that continues at {@code from} (an unquoted {@code {})
     * holds a brace list or sequence up to where it ends (an unquoted blank or operator). One
     * pass, with a stack of open braces.
     */
    static boolean foundInWord(String line, int from) {
        int length = line.length();
        ArrayDeque<int[]> open = new ArrayDeque<>(); // {index of the brace, 1 once a comma is seen}
        for (int i = from; i < length; i++) {
            char c = line.charAt(i);
            switch (c) {
                case ' ', '\t', '|', ';', '<', '>', '&' -> {
                    return false;
                }
                case '\\' -> i++;
                case '\'' -> {
                    i = line.indexOf('\'', i + 1);
                    if (i < 0) {
                        return false;
                    }
                }
                case '"' -> {
                    i = closingDoubleQuote(line, i);
                    if (i < 0) {
                        return false;
                    }
                }
                case '$' -> {
                    if (i + 1 < length && line.charAt(i + 1) == '{') {
                        i = line.indexOf('}', i + 2); // as the lexer reads ${NAME}
                        if (i < 0) {
                            return false;
                        }
                    }
                }
                case '{' -> open.push(new int[] {i, 0});
                case ',' -> {
                    if (!open.isEmpty()) {
                        open.peek()[1] = 1;
                    }
                }
                case '}' -> {
                    if (!open.isEmpty()) {
                        int[] brace = open.pop();
                        if (brace[1] == 1 || isSequence(line, brace[0] + 1, i)) {
                            return true;
                        }
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** A sequence is short; longer text isn't matched at all, so nesting can't cost n². */
    private static boolean isSequence(String line, int from, int to) {
        return to - from <= MAX_SEQUENCE_CHARS && SEQUENCE.matcher(line.substring(from, to)).matches();
    }

    private static int closingDoubleQuote(String line, int open) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }
}
