package dev.rshell.client.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict little JSON reader for tests (RFC 8259: objects, arrays, strings with escapes,
 * numbers, true/false/null; nothing after the value but blanks). Objects are ordered maps,
 * numbers {@link BigDecimal}s. Anything else throws {@link IllegalArgumentException}.
 * Public for the end-to-end tests, which read the server's audit log with it.
 */
public final class MiniJson {

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    public static Object parse(String text) {
        MiniJson p = new MiniJson(text);
        Object v = p.value();
        p.blanks();
        if (p.i != text.length()) {
            throw new IllegalArgumentException("trailing text at " + p.i);
        }
        return v;
    }

    /** The value at a path of object keys, e.g. {@code at(json, "rshell", "latency_us", "p50")}. */
    @SuppressWarnings("unchecked")
    public static Object at(Object json, String... keys) {
        Object v = json;
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> m) || !m.containsKey(k)) {
                throw new IllegalArgumentException("no key " + k + " in " + v);
            }
            v = ((Map<String, Object>) m).get(k);
        }
        return v;
    }

    public static long longAt(Object json, String... keys) {
        return ((BigDecimal) at(json, keys)).longValueExact();
    }

    private Object value() {
        blanks();
        if (i >= s.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        Map<String, Object> m = new LinkedHashMap<>();
        i++;
        blanks();
        if (peek() == '}') {
            i++;
            return m;
        }
        while (true) {
            blanks();
            if (peek() != '"') {
                throw new IllegalArgumentException("expected a name at " + i);
            }
            String k = string();
            blanks();
            expect(':');
            if (m.containsKey(k)) {
                throw new IllegalArgumentException("duplicate key " + k);
            }
            m.put(k, value());
            blanks();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return m;
            }
        }
    }

    private List<Object> array() {
        List<Object> l = new ArrayList<>();
        i++;
        blanks();
        if (peek() == ']') {
            i++;
            return l;
        }
        while (true) {
            l.add(value());
            blanks();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return l;
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = s.charAt(i++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                throw new IllegalArgumentException("control character in string at " + (i - 1));
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape at " + i);
            }
        }
    }

    private BigDecimal number() {
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String n = s.substring(start, i);
        if (!n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            throw new IllegalArgumentException("bad number " + n + " at " + start);
        }
        return new BigDecimal(n);
    }

    private Object literal(String word, Object v) {
        if (!s.startsWith(word, i)) {
            throw new IllegalArgumentException("bad literal at " + i);
        }
        i += word.length();
        return v;
    }

    private char peek() {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected " + c + " at " + i + " in " + s);
        }
        i++;
    }

    private void blanks() {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }
}
