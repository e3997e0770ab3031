package dev.rshell.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each glob limit, reached with small limits directly and the real one through the parser. */
@Timeout(30)
class GlobLimitsTest {

    @TempDir
    Path dir;

    private void files(int count, String prefix) throws IOException {
        for (int i = 0; i < count; i++) {
            Files.createFile(dir.resolve(prefix + i));
        }
    }

    private static boolean[] allActive(String text) {
        boolean[] active = new boolean[text.length()];
        Arrays.fill(active, true);
        return active;
    }

    private String expand(GlobBudget budget, String... patterns) throws SyntaxFailure {
        Globber globber = new Globber(dir, budget);
        List<String> out = new ArrayList<>();
        for (String pattern : patterns) {
            globber.expand(pattern, allActive(pattern), out);
        }
        return String.join(" ", out);
    }

    @Test
    void matchLimitCountsTheWholeLine() throws Exception {
        files(3, "f");
        assertEquals("f0 f1 f2", expand(new GlobBudget(3, 100, 1_000_000), "f*"));
        SyntaxFailure tooMany = assertThrows(SyntaxFailure.class,
                () -> expand(new GlobBudget(5, 100, 1_000_000), "f*", "f*"));
        assertEquals(GlobBudget.TOO_MANY_MATCHES, tooMany.getMessage());
    }

    @Test
    void intermediateCandidatesCountToo() throws Exception {
        for (int i = 0; i < 4; i++) {
            Files.createDirectory(dir.resolve("d" + i));
        }
        SyntaxFailure tooMany = assertThrows(SyntaxFailure.class,
                () -> expand(new GlobBudget(3, 100, 1_000_000), "d*/nothing"));
        assertEquals(GlobBudget.TOO_MANY_MATCHES, tooMany.getMessage());
    }

    @Test
    void entryLimitStopsALargeScan() throws Exception {
        files(10, "f");
        assertEquals("*.none", expand(new GlobBudget(100, 10, 1_000_000), "*.none"));
        SyntaxFailure tooMany = assertThrows(SyntaxFailure.class,
                () -> expand(new GlobBudget(100, 9, 1_000_000), "*.none"));
        assertEquals(GlobBudget.TOO_MANY_ENTRIES, tooMany.getMessage());
    }

    @Test
    void stepLimitStopsACostlyPattern() throws Exception {
        Files.createFile(dir.resolve("a".repeat(200)));
        // Each start of the * tries 50 a's before failing on the b: about 150 × 51 steps.
        String costly = "*" + "a".repeat(50) + "b";
        SyntaxFailure tooCostly = assertThrows(SyntaxFailure.class,
                () -> expand(new GlobBudget(100, 100, 1_000), costly));
        assertEquals(GlobBudget.TOO_MANY_STEPS, tooCostly.getMessage());
        assertEquals(costly, expand(new GlobBudget(100, 100, 1_000_000), costly));
    }

    @Test
    void realMatchLimitThroughTheParser() throws IOException {
        // 100 files, matched by up to 101 words: creating 10,001 files would be slow.
        files(100, "f");
        TestContext context = TestContext.DEFAULT.inDirectory(dir);
        int wordsAtLimit = GlobBudget.MAX_MATCHES / 100;
        ParseResult atLimit = CommandLineParser.parse("ls" + " f*".repeat(wordsAtLimit), context);
        assertEquals(GlobBudget.MAX_MATCHES + 1, ((ParseResult.Command) atLimit).words().size());
        assertEquals(new ParseResult.SyntaxError(GlobBudget.TOO_MANY_MATCHES),
                CommandLineParser.parse("ls" + " f*".repeat(wordsAtLimit + 1), context));
        assertTrue(GlobBudget.TOO_MANY_MATCHES.contains(String.valueOf(GlobBudget.MAX_MATCHES)));
    }

    @Test
    void hostilePatternsStayCheap() throws IOException {
        for (int i = 0; i < 50; i++) {
            Files.createFile(dir.resolve("a".repeat(200) + i));
        }
        TestContext context = TestContext.DEFAULT.inDirectory(dir);
        // Many stars: far more literal elements than any name is long, so nothing matches.
        String stars = "*a".repeat(30_000) + "*b";
        ParseResult.Command result = (ParseResult.Command) CommandLineParser.parse(stars, context);
        assertEquals(List.of(stars), result.words());
        // Many unclosed brackets and many parts: linear, and quickly no match.
        String brackets = "[".repeat(30_000) + "*";
        assertEquals(List.of(brackets),
                ((ParseResult.Command) CommandLineParser.parse(brackets, context)).words());
        String parts = "a/".repeat(30_000) + "*";
        assertEquals(List.of(parts),
                ((ParseResult.Command) CommandLineParser.parse(parts, context)).words());
        String deep = "*/".repeat(30_000);
        assertEquals(List.of(deep),
                ((ParseResult.Command) CommandLineParser.parse(deep, context)).words());
    }
}
