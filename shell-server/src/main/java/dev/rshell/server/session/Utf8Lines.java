package dev.rshell.server.session;

/**
 * Tells whether bytes can travel as a text line of the protocol: valid UTF-8 (no overlong
 * forms, no surrogates, nothing past U+10FFFF), and no CR or NUL.
 *
 * <p>Thread safety: stateless.
 */
final class Utf8Lines {

    private Utf8Lines() {
    }

    /** True when {@code bytes[from, to)} is clean text. */
    static boolean isCleanText(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                if (b == 0 || b == '\r') {
                    return false;
                }
                i++;
                continue;
            }
            int length;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min = 0x10000;
            } else {
                return false;
            }
            if (i + length > to) {
                return false;
            }
            int code = b & (0xFF >> (length + 1));
            for (int k = 1; k < length; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                code = (code << 6) | (c & 0x3F);
            }
            if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** True when {@code text} can go as a text line: no CR and no NUL (a String is UTF-8 clean). */
    static boolean isCleanText(String text) {
        return text.indexOf('\r') < 0 && text.indexOf('\0') < 0;
    }
}
