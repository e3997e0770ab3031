package dev.rshell.config.source;

/**
 * Quoting of untrusted text for one-line messages. Values come from files, environment
 * variables and flags, so they may hold quotes, control characters or megabytes of text;
 * a message must stay one readable line whatever they hold.
 */
public final class Text {

    /** Longer values are cut, keeping a message readable. */
    static final int MAX_SHOWN = 80;

    private Text() {
    }

    /**
     * {@code s} in double quotes, with {@code "} and {@code \} escaped, control characters
     * as {@code \n}, {@code \t} or {@code \}{@code uXXXX}, and cut after {@value #MAX_SHOWN}
     * characters with an ellipsis.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_SHOWN) + 8).append('"');
        int limit = Math.min(s.length(), MAX_SHOWN);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        if (s.length() > limit) {
            b.append('…');
        }
        return b.append('"').toString();
    }
}
