package dev.rshell.client.fanout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Folds host names back into a range set, the inverse of {@link NamePattern}:
 * {@code web01 web02 web03 web05} becomes {@code web[01-03,05]}, and
 * {@code r1n1 r1n2 r2n1 r2n2} becomes {@code r[1-2]n[1-2]}.
 *
 * <p>How: names with the same text around their digit runs (the same "skeleton", e.g.
 * {@code r#n#}) are folded together; the others stay apart. Within a skeleton the last number
 * is folded first, then each earlier one, merging names whose other numbers are already equal:
 * the result is a union of products, each a pattern, which expands to exactly the names given
 * (though not always the fewest patterns for odd shapes). A run {@code a-b} only joins numbers
 * written with the width of its first ({@code 9,10} folds to {@code [9-10]}, {@code 09,10} to
 * {@code [09-10]}, {@code 9,010} stays {@code [9,010]}), so padding survives the round trip.
 *
 * <p>The output is sorted ({@link HostOrder}): patterns by their first name, comma-separated.
 * For a set written in this canonical form, {@code fold(expand(x))} is {@code x}.
 *
 * <p>Thread safety: stateless.
 */
public final class HostFolding {

    private HostFolding() {
    }

    /** The folded range set of {@code names} (duplicates count once); empty for none. */
    public static String fold(Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>(HostOrder.NATURAL);
        sorted.addAll(names);
        Map<String, List<Split>> bySkeleton = new LinkedHashMap<>();
        for (String name : sorted) {
            Split s = Split.of(name);
            bySkeleton.computeIfAbsent(s.skeletonKey(), k -> new ArrayList<>()).add(s);
        }
        List<Pattern> patterns = new ArrayList<>();
        for (List<Split> group : bySkeleton.values()) {
            patterns.addAll(foldGroup(group));
        }
        patterns.sort((x, y) -> HostOrder.NATURAL.compare(x.first(), y.first()));
        StringBuilder b = new StringBuilder();
        for (Pattern p : patterns) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(p.text());
        }
        return b.toString();
    }

    /** A name cut into text, number, text, …, text (one more text than numbers). */
    private record Split(List<String> texts, List<Num> numbers) {
        static Split of(String name) {
            List<String> texts = new ArrayList<>();
            List<Num> numbers = new ArrayList<>();
            int i = 0;
            StringBuilder text = new StringBuilder();
            while (i < name.length()) {
                char c = name.charAt(i);
                if (!HostOrder.isDigit(c)) {
                    text.append(c);
                    i++;
                    continue;
                }
                int end = i;
                while (end < name.length() && HostOrder.isDigit(name.charAt(end))) {
                    end++;
                }
                texts.add(text.toString());
                text.setLength(0);
                numbers.add(new Num(name.substring(i, end)));
                i = end;
            }
            texts.add(text.toString());
            return new Split(texts, numbers);
        }

        String skeletonKey() {
            return String.join("\u0000", texts);
        }
    }

    /** A number as written: its digits keep its padding. */
    private record Num(String digits) implements Comparable<Num> {
        @Override
        public int compareTo(Num o) {
            return HostOrder.compareNumbers(digits, o.digits);
        }

        /** Whether this is {@code previous + 1} as a range of {@code width} writes it ({@code %0<width>d}). */
        boolean follows(Num previous, int width) {
            String natural = increment(stripped(previous));
            String expected = natural.length() >= width ? natural : "0".repeat(width - natural.length()) + natural;
            return digits.equals(expected);
        }

        private static String stripped(Num n) {
            int k = 0;
            while (k < n.digits.length() - 1 && n.digits.charAt(k) == '0') {
                k++;
            }
            return n.digits.substring(k);
        }

        /** A decimal string plus one, any length. */
        private static String increment(String decimal) {
            char[] d = decimal.toCharArray();
            int k = d.length - 1;
            while (k >= 0 && d[k] == '9') {
                d[k] = '0';
                k--;
            }
            if (k < 0) {
                return "1" + new String(d);
            }
            d[k]++;
            return new String(d);
        }
    }

    /** Products of number sets over a skeleton: one pattern. */
    private record Pattern(List<String> texts, List<TreeSet<Num>> sets) {
        String text() {
            StringBuilder b = new StringBuilder(texts.get(0));
            for (int d = 0; d < sets.size(); d++) {
                b.append(setText(sets.get(d))).append(texts.get(d + 1));
            }
            return b.toString();
        }

        /** The smallest name it stands for, for sorting. */
        String first() {
            StringBuilder b = new StringBuilder(texts.get(0));
            for (int d = 0; d < sets.size(); d++) {
                b.append(sets.get(d).first().digits()).append(texts.get(d + 1));
            }
            return b.toString();
        }
    }

    private static List<Pattern> foldGroup(List<Split> group) {
        List<String> texts = group.get(0).texts();
        int dims = group.get(0).numbers().size();
        List<List<TreeSet<Num>>> items = new ArrayList<>();
        for (Split s : group) {
            List<TreeSet<Num>> coords = new ArrayList<>();
            for (Num n : s.numbers()) {
                TreeSet<Num> one = new TreeSet<>();
                one.add(n);
                coords.add(one);
            }
            items.add(coords);
        }
        for (int d = dims - 1; d >= 0; d--) {
            Map<String, List<TreeSet<Num>>> merged = new LinkedHashMap<>();
            for (List<TreeSet<Num>> coords : items) {
                String key = keyWithout(coords, d);
                List<TreeSet<Num>> into = merged.get(key);
                if (into == null) {
                    List<TreeSet<Num>> copy = new ArrayList<>();
                    for (TreeSet<Num> set : coords) {
                        copy.add(new TreeSet<>(set));
                    }
                    merged.put(key, copy);
                } else {
                    into.get(d).addAll(coords.get(d));
                }
            }
            items = new ArrayList<>(merged.values());
        }
        List<Pattern> patterns = new ArrayList<>();
        for (List<TreeSet<Num>> coords : items) {
            patterns.add(new Pattern(texts, coords));
        }
        return patterns;
    }

    private static String keyWithout(List<TreeSet<Num>> coords, int skip) {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < coords.size(); d++) {
            b.append(d == skip ? "*" : setText(coords.get(d))).append('\u0000');
        }
        return b.toString();
    }

    /** {@code 7}, or {@code [1-3,7]}: runs of two or more as {@code a-b}. */
    private static String setText(TreeSet<Num> set) {
        if (set.size() == 1) {
            return set.first().digits();
        }
        StringBuilder b = new StringBuilder("[");
        Num start = null;
        Num previous = null;
        for (Num n : set) {
            if (start != null && n.follows(previous, start.digits().length())) {
                previous = n;
                continue;
            }
            if (start != null) {
                appendRun(b, start, previous);
            }
            start = n;
            previous = n;
        }
        appendRun(b, start, previous);
        return b.append(']').toString();
    }

    private static void appendRun(StringBuilder b, Num start, Num end) {
        if (b.length() > 1) {
            b.append(',');
        }
        b.append(start.digits());
        if (end != start) {
            b.append('-').append(end.digits());
        }
    }
}
