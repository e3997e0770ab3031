package dev.rshell.client.fanout;

/**
 * JSON string literals, written by hand (RFC 8259): {@code "} and {@code \} escaped, control
 * characters as {@code \n}, {@code \t} ... or {@code \}{@code u00XX}, U+2028 and U+2029 escaped
 * (JavaScript readers choke on them raw), and a lone surrogate as its {@code \}{@code uXXXX}
 * escape so the output stays valid UTF-8. Everything else is written as it is.
 *
 * <p>Thread safety: stateless.
 */
public final class JsonText {

    private JsonText() {
    }

    /** {@code s} as a JSON string literal, quotes included; {@code null} as {@code null}. */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        unicode(b, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        unicode(b, c);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void unicode(StringBuilder b, char c) {
        b.append("\\u");
        String hex = Integer.toHexString(c);
        b.append("0".repeat(4 - hex.length())).append(hex);
    }
}
