package dev.rshell.client.interactive;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits the edited line into raw words as the protocol's command lines do (unquoted blanks
 * separate words; {@code '…'} and {@code "…"} quote; a backslash outside single quotes escapes
 * the next character), for JLine's completion and word widgets. Words stay raw: quotes and
 * backslashes are kept, because {@code :complete} answers with candidates already quoted as
 * command words, and each replaces the typed word as it stands.
 *
 * <p>The word being completed runs from its start to the cursor, which is what the server
 * completes ({@code :complete} gets the line up to the cursor); text after the cursor stays.
 *
 * <p>It never asks for a continuation line: an unclosed quote is sent as typed and the server
 * answers it as a syntax error, as it would from any client.
 *
 * <p>Thread safety: stateless.
 */
final class WordParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        return Parsed.of(line, Math.max(0, Math.min(cursor, line.length())));
    }

    @Override
    public boolean isEscapeChar(char ch) {
        // History expansion is off, so JLine never strips escapes from an accepted line.
        return false;
    }

    /**
     * Splits raw text into words at unquoted blanks, keeping quotes and escapes: also how the
     * candidates of an {@code ok W1 W2 …} answer are separated.
     */
    static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        int start = -1;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    i++;
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                if (start >= 0) {
                    words.add(text.substring(start, i));
                    start = -1;
                }
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < text.length()) {
                i++;
            }
        }
        if (start >= 0) {
            words.add(text.substring(start));
        }
        return words;
    }

    /** Where the word that ends at {@code cursor} starts (the cursor itself after a blank). */
    static int wordStart(String line, int cursor) {
        int start = cursor;
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < cursor; i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < cursor) {
                    i++;
                }
                continue;
            }
            if (c == ' ' || c == '\t') {
                inWord = false;
                continue;
            }
            if (!inWord) {
                inWord = true;
                start = i;
            }
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < cursor) {
                i++;
            }
        }
        return inWord ? start : cursor;
    }

    /** The parsed line: raw words, and the word being completed ending at the cursor. */
    record Parsed(String line, int cursor, List<String> words, int wordIndex, String word)
            implements CompletingParsedLine {

        static Parsed of(String line, int cursor) {
            int start = wordStart(line, cursor);
            int before = split(line.substring(0, start)).size();
            return new Parsed(line, cursor, split(line), before, line.substring(start, cursor));
        }

        @Override
        public int wordCursor() {
            return word.length();
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            // Candidates come quoted from the server.
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return word.length();
        }

        @Override
        public int rawWordLength() {
            return word.length();
        }
    }
}
