package dev.rshell.common.protocol;

import java.util.Base64;

/**
 * Small rules of the wire text shared by the line records and their parsers: what counts as a
 * line with no words, a command number, a text that survives the trip, and base64.
 */
final class WireText {

    private WireText() {
    }

    /** True for a line with no words: empty, blanks (space, tab), or blanks then a {@code #} comment. */
    static boolean noWords(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isBlank(line.charAt(i))) {
            i++;
        }
        return i == n || line.charAt(i) == '#';
    }

    /** A blank as the protocol means it: space or tab. */
    static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Checks that {@code text} reads back unchanged as part of one line: no LF (it would end the
     * line) and no CR at the end (the receiver drops a CR right before the LF).
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    static String oneLine(String what, String text) {
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(what + " can't contain a line break (LF)");
        }
        if (text.endsWith("\r")) {
            throw new IllegalArgumentException(what + " can't end with CR (the receiver drops it)");
        }
        return text;
    }

    /**
     * A command number: ASCII digits only, at least 1, fitting a long; -1 otherwise.
     * ({@link Long#parseLong} alone would also take a sign and non-ASCII digits.)
     */
    static long commandNumber(String field) {
        int n = field.length();
        if (n == 0 || n > 19) {
            return -1;
        }
        for (int i = 0; i < n; i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            long value = Long.parseLong(field);
            return value > 0 ? value : -1;
        } catch (NumberFormatException e) {
            return -1; // 19 digits beyond Long.MAX_VALUE
        }
    }

    /**
     * The UTF-8 length of {@code text} as {@link java.nio.charset.StandardCharsets#UTF_8} encodes
     * it (so as the line writer sends it): a lone surrogate becomes one byte, {@code ?}.
     */
    static long utf8Length(String text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** RFC 4648 base64 with padding and no line breaks. */
    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes RFC 4648 base64 (padding optional, no line breaks or blanks inside).
     *
     * @return the bytes, or null when {@code text} is not base64
     */
    static byte[] fromBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
