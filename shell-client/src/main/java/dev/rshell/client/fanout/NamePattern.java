package dev.rshell.client.fanout;

import dev.rshell.config.source.Text;
import java.util.ArrayList;
import java.util.List;

/**
 * Expands one name with ClusterShell-style ranges: {@code web[01-20]}, {@code db[1-3,7]},
 * {@code 10.0.0.[1-9]}, {@code r[1-2]n[1-3]} (several brackets: every combination, the last
 * bracket varying fastest).
 *
 * <p>Inside brackets: comma-separated items, each a number {@code N} or a range {@code N-M} with
 * {@code N <= M}. A range is written with the width of its first number: {@code [08-11]} gives
 * {@code 08 09 10 11}, {@code [8-11]} gives {@code 8 9 10 11}; its last number may be written
 * padded only to that same width ({@code [1-05]} is refused as ambiguous). A single number is
 * taken exactly as written ({@code [7,010]} gives {@code 7} and {@code 010}).
 *
 * <p>Limits: numbers of at most {@value #MAX_DIGITS} digits, and at most {@value #MAX_HOSTS}
 * names from one pattern; beyond either, and for any other text in brackets, the pattern is a
 * {@link HostSetException} naming it.
 *
 * <p>Thread safety: stateless.
 */
public final class NamePattern {

    /** The most names one pattern (and one whole host set) may expand to. */
    public static final int MAX_HOSTS = 65536;
    /** The most digits of one number in a range. */
    static final int MAX_DIGITS = 18;

    private NamePattern() {
    }

    /** True when {@code text} has a bracket, that is, a range to expand. */
    public static boolean hasRange(String text) {
        return text.indexOf('[') >= 0 || text.indexOf(']') >= 0;
    }

    /**
     * The names {@code pattern} stands for, in order; a pattern without brackets is itself.
     *
     * @throws HostSetException for a bad range, naming it
     */
    public static List<String> expand(String pattern) {
        List<String> names = new ArrayList<>();
        names.add("");
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ']') {
                throw new HostSetException("bad range in " + Text.quote(pattern) + ": ']' without '['");
            }
            if (c != '[') {
                int next = nextBracket(pattern, i);
                String text = pattern.substring(i, next);
                names.replaceAll(n -> n + text);
                i = next;
                continue;
            }
            int close = pattern.indexOf(']', i + 1);
            int nested = pattern.indexOf('[', i + 1);
            if (close < 0 || (nested >= 0 && nested < close)) {
                throw new HostSetException("bad range in " + Text.quote(pattern) + ": '[' without ']'");
            }
            List<String> items = items(pattern.substring(i + 1, close), pattern);
            if ((long) names.size() * items.size() > MAX_HOSTS) {
                throw new HostSetException("host set " + Text.quote(pattern) + " names more than "
                        + MAX_HOSTS + " hosts");
            }
            List<String> product = new ArrayList<>(names.size() * items.size());
            for (String prefix : names) {
                for (String item : items) {
                    product.add(prefix + item);
                }
            }
            names = product;
            i = close + 1;
        }
        return names;
    }

    private static int nextBracket(String s, int from) {
        int k = from;
        while (k < s.length() && s.charAt(k) != '[' && s.charAt(k) != ']') {
            k++;
        }
        return k;
    }

    /** The numbers one bracket's content stands for, in the order written. */
    private static List<String> items(String content, String pattern) {
        String range = "[" + content + "]";
        if (content.isEmpty()) {
            throw bad(range, pattern, "empty brackets");
        }
        List<String> out = new ArrayList<>();
        for (String item : content.split(",", -1)) {
            int dash = item.indexOf('-');
            if (dash < 0) {
                out.add(number(item, range, pattern));
                continue;
            }
            String first = number(item.substring(0, dash), range, pattern);
            String last = number(item.substring(dash + 1), range, pattern);
            long from = Long.parseLong(first);
            long to = Long.parseLong(last);
            if (from > to) {
                throw bad(range, pattern, first + " is more than " + last);
            }
            if (last.length() > 1 && last.charAt(0) == '0' && last.length() != first.length()) {
                throw bad(range, pattern, "padding of " + first + " and " + last + " differs");
            }
            if (to - from + 1 + out.size() > MAX_HOSTS) {
                throw new HostSetException("host set " + Text.quote(pattern) + " names more than "
                        + MAX_HOSTS + " hosts");
            }
            String format = "%0" + first.length() + "d";
            for (long v = from; v <= to; v++) {
                out.add(String.format(format, v));
            }
        }
        return out;
    }

    private static String number(String text, String range, String pattern) {
        if (text.isEmpty()) {
            throw bad(range, pattern, "a number is missing");
        }
        if (text.length() > MAX_DIGITS) {
            throw bad(range, pattern, "numbers have at most " + MAX_DIGITS + " digits");
        }
        for (int k = 0; k < text.length(); k++) {
            if (!HostOrder.isDigit(text.charAt(k))) {
                throw bad(range, pattern, "expected numbers like [1-5,7], got " + Text.quote(text));
            }
        }
        return text;
    }

    private static HostSetException bad(String range, String pattern, String why) {
        return new HostSetException("bad range " + Text.quote(range) + " in " + Text.quote(pattern) + ": " + why);
    }
}
