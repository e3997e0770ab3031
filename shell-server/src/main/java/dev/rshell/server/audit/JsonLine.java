package dev.rshell.server.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Builds one flat JSON object (RFC 8259) as one line: string, number, boolean, null and
 * array-of-string members, in the order added. Small on purpose, so the server needs no JSON
 * library and the audit format stays exactly what this class writes.
 *
 * <p>Strings are escaped so that a line can never be broken or forged by what a user typed:
 * {@code "} and {@code \}, every control character (U+0000 to U+001F, and DEL), U+2028 and
 * U+2029 (line breaks to JavaScript and to some log viewers) and unpaired surrogates (which
 * have no UTF-8 form; escaped, they survive instead of turning into {@code ?}). Everything
 * else, including non-ASCII text, is written as it is, in UTF-8.
 *
 * <p>Member names are written without escaping: callers pass constant lower-case names.
 *
 * <p>Thread safety: none; one instance builds one line on one thread.
 */
final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder(512).append('{');

    /** Adds {@code "name":"value"}, or {@code "name":null} when {@code value} is null. */
    JsonLine string(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(text, value);
        }
        return this;
    }

    /** Adds {@code "name":value}. */
    JsonLine number(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    /** Adds {@code "name":true} or {@code false}. */
    JsonLine bool(String name, boolean value) {
        name(name);
        text.append(value);
        return this;
    }

    /** Adds an array of strings (null elements become {@code null}), or null. */
    JsonLine strings(String name, List<String> values) {
        name(name);
        if (values == null) {
            text.append("null");
            return this;
        }
        text.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            String value = values.get(i);
            if (value == null) {
                text.append("null");
            } else {
                quote(text, value);
            }
        }
        text.append(']');
        return this;
    }

    /**
     * Adds an instant as an ISO-8601 UTC string with exactly three fraction digits
     * ({@code 2024-05-01T12:00:00.000Z}), so lines sort and compare as text; or null.
     */
    JsonLine instant(String name, Instant value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            text.append('"');
            appendInstant(text, value);
            text.append('"');
        }
        return this;
    }

    /** The object so far, closed: {@code {...}} with no line end. */
    @Override
    public String toString() {
        return text + "}";
    }

    /** The object closed and ended by {@code \n}, in UTF-8: one audit line. */
    byte[] toLine() {
        return text.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        text.append('"').append(name).append("\":");
    }

    /** Appends {@code value} as a quoted, escaped JSON string. */
    static void quote(StringBuilder out, String value) {
        out.append('"');
        int n = value.length();
        int plain = 0;
        while (plain < n && isPlain(value.charAt(plain))) {
            plain++;
        }
        // Most values (user names, paths, words) need no escape: one bulk append.
        out.append(value, 0, plain);
        for (int i = plain; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicodeEscape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i)); // a valid pair: one code point
                    } else if (Character.isSurrogate(c)) {
                        unicodeEscape(out, c); // unpaired: no UTF-8 form
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Printable ASCII that JSON takes as it is. */
    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }

    private static void unicodeEscape(StringBuilder out, char c) {
        out.append("\\u")
                .append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
    }

    /**
     * Appends {@code t} truncated to milliseconds as {@code uuuu-MM-ddTHH:mm:ss.SSSZ}. Done by
     * hand because it runs once or twice per command and DateTimeFormatter is several times
     * slower; years outside 0..9999 fall back to it.
     */
    static void appendInstant(StringBuilder out, Instant t) {
        SecondText second = lastSecond;
        if (second.epochSecond != t.getEpochSecond()) {
            second = new SecondText(t.getEpochSecond(), secondText(t));
            lastSecond = second; // a race only formats the same second twice
        }
        if (second.text == null) {
            out.append(DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS)));
            return;
        }
        out.append(second.text);
        pad(out, t.getNano() / 1_000_000, 3).append('Z');
    }

    /**
     * The last second formatted, {@code uuuu-MM-ddTHH:mm:ss.}: the lines of a busy server
     * share it, so only the milliseconds are formatted per line. Immutable, so publishing it
     * through a volatile is enough.
     */
    private record SecondText(long epochSecond, String text) {
    }

    private static volatile SecondText lastSecond = new SecondText(Long.MIN_VALUE, null);

    /** {@code uuuu-MM-ddTHH:mm:ss.} of {@code t}, or null for years outside 0..9999. */
    private static String secondText(Instant t) {
        LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return null;
        }
        StringBuilder out = new StringBuilder(20);
        pad(out, year, 4).append('-');
        pad(out, d.getMonthValue(), 2).append('-');
        pad(out, d.getDayOfMonth(), 2).append('T');
        pad(out, d.getHour(), 2).append(':');
        pad(out, d.getMinute(), 2).append(':');
        pad(out, d.getSecond(), 2).append('.');
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int digits) {
        for (int limit = 10, i = 1; i < digits; i++, limit *= 10) {
            if (value < limit) {
                out.append('0');
            }
        }
        return out.append(value);
    }
}
