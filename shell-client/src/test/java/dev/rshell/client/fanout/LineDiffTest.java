package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The line diff: correct, shortest, and in GNU's unified form. */
class LineDiffTest {

    @Test
    void unifiedLikeGnuDiff() {
        List<String> a = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
        List<String> b = List.of("a", "b", "c", "X", "e", "f", "g", "h", "i", "j", "k", "l");
        assertEquals(List.of("--- one", "+++ two",
                "@@ -1,7 +1,7 @@", " a", " b", " c", "-d", "+X", " e", " f", " g",
                "@@ -9,3 +9,4 @@", " i", " j", " k", "+l"), LineDiff.unified("one", "two", a, b));
        // six unchanged lines between two changes: the contexts meet, one hunk
        List<String> c = List.of("a", "b", "c", "X", "e", "f", "g", "h", "i", "j", "Y");
        List<String> one = LineDiff.unified("one", "two", a, c);
        assertEquals("@@ -1,11 +1,11 @@", one.get(2));
        assertEquals(3 + 13, one.size());
    }

    @Test
    void nearChangesShareAHunk() {
        List<String> a = List.of("1", "2", "3", "4", "5", "6", "7", "8");
        List<String> b = List.of("1", "X", "3", "4", "5", "6", "7", "Y");
        assertEquals(List.of("--- a", "+++ b", "@@ -1,8 +1,8 @@", " 1", "-2", "+X", " 3", " 4", " 5", " 6", " 7", "-8", "+Y"),
                LineDiff.unified("a", "b", a, b));
    }

    @Test
    void emptySidesAndEqualSides() {
        assertEquals(List.of("--- a", "+++ b", "@@ -1,2 +0,0 @@", "-x", "-y"),
                LineDiff.unified("a", "b", List.of("x", "y"), List.of()));
        assertEquals(List.of("--- a", "+++ b", "@@ -0,0 +1 @@", "+x"), LineDiff.unified("a", "b", List.of(), List.of("x")));
        assertEquals(List.of(), LineDiff.unified("a", "b", List.of("x"), List.of("x")));
        assertEquals(List.of(), LineDiff.unified("a", "b", List.of(), List.of()));
    }

    /** Random pairs, bounded: the edits rebuild both sides and are as few as an LCS says. */
    @Test
    void shortestAndCorrectOnRandomPairs() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            List<String> a = randomLines(random);
            List<String> b = randomLines(random);
            List<LineDiff.Edit> edits = LineDiff.diff(a, b);
            List<String> left = new ArrayList<>();
            List<String> right = new ArrayList<>();
            int changes = 0;
            for (LineDiff.Edit e : edits) {
                if (e.op() != LineDiff.Op.ADDED) {
                    left.add(e.line());
                }
                if (e.op() != LineDiff.Op.REMOVED) {
                    right.add(e.line());
                }
                if (e.op() != LineDiff.Op.SAME) {
                    changes++;
                }
            }
            assertEquals(a, left);
            assertEquals(b, right);
            assertEquals(a.size() + b.size() - 2 * lcs(a, b), changes, a + " vs " + b);
        }
    }

    @Test
    void beyondTheEditBoundTheMiddleIsReplacedWholeAndStillCorrect() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        a.add("head");
        b.add("head");
        for (int i = 0; i < 3000; i++) {
            a.add("a" + i);
            b.add("b" + i);
        }
        a.add("tail");
        b.add("tail");
        List<LineDiff.Edit> edits = LineDiff.diff(a, b);
        assertEquals(3000 * 2 + 2, edits.size());
        assertEquals(new LineDiff.Edit(LineDiff.Op.SAME, "head"), edits.get(0));
        assertEquals(new LineDiff.Edit(LineDiff.Op.REMOVED, "a0"), edits.get(1));
        assertEquals(new LineDiff.Edit(LineDiff.Op.ADDED, "b0"), edits.get(3001));
        assertEquals(new LineDiff.Edit(LineDiff.Op.SAME, "tail"), edits.get(edits.size() - 1));
    }

    private static List<String> randomLines(Random random) {
        int n = random.nextInt(9);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(String.valueOf((char) ('a' + random.nextInt(4))));
        }
        return lines;
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }
}
