package dev.rshell.client.fanout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A line diff (Myers' O(ND) algorithm) and its unified form, for {@code --diff}.
 *
 * <p>The common head and tail are taken off first (outputs of many hosts mostly agree), then
 * the shortest edit script is searched for up to {@value #MAX_EDITS} edits. Each step keeps its
 * frontier (2d+1 ints) for the way back, so memory grows with the square of the edits, which is
 * why they are bounded: beyond the bound, the middle is reported as all removed, then all added.
 * That is still a correct diff (applying it gives the other side), only not the shortest.
 *
 * <p>Thread safety: stateless.
 */
public final class LineDiff {

    /** Most edits searched for before the middle is reported as replaced whole. */
    static final int MAX_EDITS = 1024;

    /** Lines of context around each change in {@link #unified}. */
    public static final int CONTEXT = 3;

    /** What happened to a line. */
    public enum Op { SAME, REMOVED, ADDED }

    /** One line of an edit script. */
    public record Edit(Op op, String line) {
    }

    private LineDiff() {
    }

    /** The edits that turn {@code a} into {@code b}: SAME and REMOVED lines are a, SAME and ADDED b. */
    public static List<Edit> diff(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        List<Edit> middle = myers(midA, midB);
        if (middle == null) {
            middle = new ArrayList<>();
            for (String s : midA) {
                middle.add(new Edit(Op.REMOVED, s));
            }
            for (String s : midB) {
                middle.add(new Edit(Op.ADDED, s));
            }
        }
        edits.addAll(middle);
        for (int i = a.size() - tail; i < a.size(); i++) {
            edits.add(new Edit(Op.SAME, a.get(i)));
        }
        return edits;
    }

    /** The shortest edit script, or null when it needs more than {@link #MAX_EDITS} edits. */
    private static List<Edit> myers(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        int max = n + m;
        if (max == 0) {
            return new ArrayList<>();
        }
        int limit = Math.min(max, MAX_EDITS);
        int offset = limit + 1;
        int[] v = new int[2 * limit + 3];
        List<int[]> trace = new ArrayList<>();
        for (int d = 0; d <= limit; d++) {
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                        ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    trace.add(snapshot(v, offset, d));
                    return backtrack(a, b, trace);
                }
            }
            trace.add(snapshot(v, offset, d));
        }
        return null;
    }

    /** v[-d..d], indexed k + d. */
    private static int[] snapshot(int[] v, int offset, int d) {
        int[] s = new int[2 * d + 1];
        System.arraycopy(v, offset - d, s, 0, 2 * d + 1);
        return s;
    }

    private static List<Edit> backtrack(List<String> a, List<String> b, List<int[]> trace) {
        List<Edit> reversed = new ArrayList<>();
        int x = a.size();
        int y = b.size();
        for (int d = trace.size() - 1; d > 0; d--) {
            int[] previous = trace.get(d - 1); // v[-(d-1)..(d-1)], indexed k + d - 1
            int k = x - y;
            boolean down = k == -d || (k != d && previous[k - 1 + d - 1] < previous[k + 1 + d - 1]);
            int prevK = down ? k + 1 : k - 1;
            int prevX = previous[prevK + d - 1];
            int prevY = prevX - prevK;
            while (x > prevX + (down ? 0 : 1) && y > prevY + (down ? 1 : 0)) {
                reversed.add(new Edit(Op.SAME, a.get(x - 1)));
                x--;
                y--;
            }
            if (down) {
                reversed.add(new Edit(Op.ADDED, b.get(prevY)));
            } else {
                reversed.add(new Edit(Op.REMOVED, a.get(prevX)));
            }
            x = prevX;
            y = prevY;
        }
        while (x > 0 && y > 0) {
            reversed.add(new Edit(Op.SAME, a.get(x - 1)));
            x--;
            y--;
        }
        Collections.reverse(reversed);
        return reversed;
    }

    /**
     * {@code a} against {@code b} as a unified diff: {@code --- fromLabel}, {@code +++ toLabel},
     * then hunks with {@value #CONTEXT} lines of context ({@code @@ -l,s +l,s @@}, as GNU diff
     * writes them). No lines when they are equal.
     */
    public static List<String> unified(String fromLabel, String toLabel, List<String> a, List<String> b) {
        List<Edit> edits = diff(a, b);
        List<String> out = new ArrayList<>();
        int[] ai = new int[edits.size() + 1];
        int[] bi = new int[edits.size() + 1];
        for (int e = 0; e < edits.size(); e++) {
            Op op = edits.get(e).op();
            ai[e + 1] = ai[e] + (op == Op.ADDED ? 0 : 1);
            bi[e + 1] = bi[e] + (op == Op.REMOVED ? 0 : 1);
        }
        int e = 0;
        while (e < edits.size()) {
            if (edits.get(e).op() == Op.SAME) {
                e++;
                continue;
            }
            int start = Math.max(0, e - CONTEXT);
            int end = e; // exclusive end of the hunk's edits
            int lastChange = e;
            while (end < edits.size()) {
                if (edits.get(end).op() != Op.SAME) {
                    lastChange = end;
                    end++;
                } else if (end - lastChange <= 2 * CONTEXT) {
                    end++;
                } else {
                    break;
                }
            }
            end = Math.min(edits.size(), lastChange + 1 + CONTEXT);
            if (out.isEmpty()) {
                out.add("--- " + fromLabel);
                out.add("+++ " + toLabel);
            }
            out.add("@@ -" + range(ai[start], ai[end] - ai[start]) + " +" + range(bi[start], bi[end] - bi[start]) + " @@");
            for (int k = start; k < end; k++) {
                Edit edit = edits.get(k);
                char mark = edit.op() == Op.SAME ? ' ' : edit.op() == Op.REMOVED ? '-' : '+';
                out.add(mark + edit.line());
            }
            e = end;
        }
        return out;
    }

    /** GNU's hunk range: {@code start,count}, 1-based; {@code start} alone for one line; the line before for none. */
    private static String range(int from, int count) {
        if (count == 1) {
            return String.valueOf(from + 1);
        }
        return (count == 0 ? from : from + 1) + "," + count;
    }
}
