package dev.rshell.client.bench;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes one JSON text, compactly, by hand (the client has no JSON library and needs none):
 * objects, arrays, strings (escaped as RFC 8259 requires), integers, decimals and
 * {@code null}. Commas are placed by the writer; names and values are the caller's order.
 *
 * <p>Thread safety: not thread-safe; one writer per text.
 */
final class JsonWriter {

    private final StringBuilder b = new StringBuilder();
    /** Per open container: whether it has a member yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        before();
        b.append('{');
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endObject() {
        open.pop();
        b.append('}');
        return this;
    }

    JsonWriter beginArray() {
        before();
        b.append('[');
        open.push(new boolean[1]);
        return this;
    }

    JsonWriter endArray() {
        open.pop();
        b.append(']');
        return this;
    }

    /** A member name; its value comes next. */
    JsonWriter name(String name) {
        before();
        string(name);
        b.append(':');
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        before();
        if (s == null) {
            b.append("null");
        } else {
            string(s);
        }
        return this;
    }

    JsonWriter value(long n) {
        before();
        b.append(n);
        return this;
    }

    JsonWriter value(boolean v) {
        before();
        b.append(v);
        return this;
    }

    /** A decimal with {@code scale} digits after the point; null, NaN and infinities are null. */
    JsonWriter value(Double d, int scale) {
        before();
        if (d == null || d.isNaN() || d.isInfinite()) {
            b.append("null");
        } else {
            b.append(BigDecimal.valueOf(d).setScale(scale, java.math.RoundingMode.HALF_EVEN).toPlainString());
        }
        return this;
    }

    /** An exact decimal, e.g. nanoseconds as microseconds: {@code BigDecimal.valueOf(ns, 3)}. */
    JsonWriter value(BigDecimal d) {
        before();
        b.append(d == null ? "null" : d.toPlainString());
        return this;
    }

    JsonWriter nullValue() {
        before();
        b.append("null");
        return this;
    }

    private void before() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] first = open.peek();
        if (first != null) {
            if (first[0]) {
                b.append(',');
            }
            first[0] = true;
        }
    }

    private void string(String s) {
        b.append('"');
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
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }

    @Override
    public String toString() {
        return b.toString();
    }
}
