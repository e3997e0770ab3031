package dev.rshell.common.command;

import java.util.Arrays;

/**
 * One path component of a glob ({@code /} is never part of a pattern), compiled once and
 * matched against every name in a directory.
 *
 * <p>Syntax, for active (unquoted) characters only: {@code *} any run of characters,
 * {@code ?} one character, {@code [...]} one character from a set of characters and ranges
 * {@code a-z}, negated by a leading {@code !} or {@code ^}; a {@code ]} right after the opening
 * (or the negation) is a member. A {@code [} without its closing {@code ]} is an ordinary
 * character. POSIX classes such as {@code [:alpha:]} are not supported. Characters are code
 * points, so {@code ?} matches one emoji, not half of one.
 *
 * <p>Matching is the classic greedy scan that backtracks only to the last {@code *}: every
 * other element matches exactly one code point, so that is complete, and it costs at most
 * names × elements steps, which the caller charges to the {@link GlobBudget}.
 *
 * <p>Immutable.
 */
final class GlobPattern {

    private static final int STAR = -1;
    private static final int ANY = -2;
    private static final int SET = -3;

    /** A code point to match literally, or {@link #STAR}, {@link #ANY}, {@link #SET}. */
    private final int[] elements;
    /** For a {@link #SET} element: inclusive ranges as lo, hi pairs; else null. */
    private final int[][] sets;
    private final boolean[] negated;
    /** Elements that match exactly one code point: a shorter name can't match. */
    private final int minLength;
    /** Dotfiles match only when the pattern itself starts with a dot. */
    private final boolean leadingDot;

    private GlobPattern(int[] elements, int[][] sets, boolean[] negated, boolean leadingDot) {
        this.elements = elements;
        this.sets = sets;
        this.negated = negated;
        this.leadingDot = leadingDot;
        int min = 0;
        for (int e : elements) {
            if (e != STAR) {
                min++;
            }
        }
        this.minLength = min;
    }

    /**
     * Compiles {@code text[from, to)}, or returns null when it has no active glob syntax and is
     * therefore a plain name.
     */
    static GlobPattern compile(String text, boolean[] active, int from, int to) {
        int n = to - from;
        int[] elements = new int[n];
        int[][] sets = new int[n][];
        boolean[] negated = new boolean[n];
        int count = 0;
        boolean glob = false;
        // Once a [ finds no closing ], no later [ can: skipping them keeps compile linear.
        boolean unclosed = false;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (active[i] && c == '*') {
                glob = true;
                // Runs of stars mean one star; collapsing keeps the scan's cost down.
                if (count == 0 || elements[count - 1] != STAR) {
                    elements[count++] = STAR;
                }
                i++;
                continue;
            }
            if (active[i] && c == '?') {
                glob = true;
                elements[count++] = ANY;
                i++;
                continue;
            }
            if (active[i] && c == '[' && !unclosed) {
                int end = parseSet(text, active, i + 1, to, sets, negated, count);
                if (end > 0) {
                    glob = true;
                    elements[count++] = SET;
                    i = end;
                    continue;
                }
                unclosed = true;
            }
            int cp = text.codePointAt(i);
            elements[count++] = cp;
            i += Character.charCount(cp);
        }
        if (!glob) {
            return null;
        }
        return new GlobPattern(Arrays.copyOf(elements, count), Arrays.copyOf(sets, count),
                Arrays.copyOf(negated, count), n > 0 && text.charAt(from) == '.');
    }

    /**
     * Parses a set after its {@code [}; on success stores it at {@code index} and returns the
     * position past the closing {@code ]}, else -1 (the {@code [} is then a plain character).
     */
    private static int parseSet(String text, boolean[] active, int start, int to,
            int[][] sets, boolean[] negated, int index) {
        int i = start;
        boolean negate = false;
        if (i < to && active[i] && (text.charAt(i) == '!' || text.charAt(i) == '^')) {
            negate = true;
            i++;
        }
        int[] ranges = new int[8];
        int used = 0;
        boolean first = true;
        while (i < to) {
            if (!first && active[i] && text.charAt(i) == ']') {
                sets[index] = Arrays.copyOf(ranges, used);
                negated[index] = negate;
                return i + 1;
            }
            first = false;
            int lo = text.codePointAt(i);
            i += Character.charCount(lo);
            int hi = lo;
            if (i + 1 < to && active[i] && text.charAt(i) == '-'
                    && !(active[i + 1] && text.charAt(i + 1) == ']')) {
                hi = text.codePointAt(i + 1);
                i += 1 + Character.charCount(hi);
            }
            if (used + 2 > ranges.length) {
                ranges = Arrays.copyOf(ranges, ranges.length * 2);
            }
            ranges[used++] = lo;
            ranges[used++] = hi;
        }
        return -1;
    }

    /** Does {@code name} (one directory entry) match? Charges its steps to {@code budget}. */
    boolean matches(String name, GlobBudget budget) throws SyntaxFailure {
        if (name.length() < minLength) {
            return false;
        }
        if (!leadingDot && name.startsWith(".")) {
            return false;
        }
        int n = name.length();
        int m = elements.length;
        int s = 0;
        int p = 0;
        int starP = -1;
        int starS = 0;
        long steps = 0;
        boolean matched = true;
        while (s < n) {
            steps++;
            int cp = name.codePointAt(s);
            if (p < m && elements[p] == STAR) {
                starP = p++;
                starS = s;
            } else if (p < m && matchesOne(p, cp)) {
                p++;
                s += Character.charCount(cp);
            } else if (starP >= 0) {
                p = starP + 1;
                starS += Character.charCount(name.codePointAt(starS));
                s = starS;
            } else {
                matched = false;
                break;
            }
        }
        budget.steps(steps);
        if (!matched) {
            return false;
        }
        while (p < m && elements[p] == STAR) {
            p++;
        }
        return p == m;
    }

    private boolean matchesOne(int p, int cp) {
        int e = elements[p];
        if (e >= 0) {
            return e == cp;
        }
        if (e == ANY) {
            return true;
        }
        int[] ranges = sets[p];
        boolean in = false;
        for (int i = 0; i < ranges.length; i += 2) {
            if (cp >= ranges[i] && cp <= ranges[i + 1]) {
                in = true;
                break;
            }
        }
        return in != negated[p];
    }
}
