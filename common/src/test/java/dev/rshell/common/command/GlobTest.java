package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertWords;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Globs against a real directory tree. Limits are in {@link GlobLimitsTest}. */
@Timeout(10)
class GlobTest {

    @TempDir
    Path dir;
    TestContext context;

    @BeforeEach
    void tree() throws IOException {
        files("a.txt", "b.txt", "a b.txt", "c.log", ".hidden.txt", "ab1", "ab2", "ac1", "ad1",
                "a*x", "]b1", "é😀.txt");
        dirs(".config", "sub", "sub2", "other", "[h]", "h");
        files("sub/x.c", "sub/y.c", "sub/.z.c", "sub2/x.c", "sub2/file", "[h]/in-bracket-h",
                "h/in-h");
        context = TestContext.DEFAULT.inDirectory(dir);
    }

    private void files(String... names) throws IOException {
        for (String name : names) {
            Files.createFile(dir.resolve(name));
        }
    }

    private void dirs(String... names) throws IOException {
        for (String name : names) {
            Files.createDirectory(dir.resolve(name));
        }
    }

    @Test
    void starMatchesSortedAndStaysRelative() {
        // Sorted by String order: ' ' < '.'; a name with a blank is still one word.
        assertWords(context, "ls *.txt", "ls", "a b.txt", "a.txt", "b.txt", "é😀.txt");
        assertWords(context, "ls *.log x", "ls", "c.log", "x");
        assertWords(context, "ls b*", "ls", "b.txt");
    }

    @Test
    void dotfilesOnlyWhenThePatternStartsWithADot() {
        assertWords(context, "ls *hidden*", "ls", "*hidden*");
        assertWords(context, "ls .*", "ls", ".config", ".hidden.txt");
        assertWords(context, "ls .*.txt", "ls", ".hidden.txt");
        assertWords(context, "ls '.h'*", "ls", ".hidden.txt");
        assertWords(context, "ls sub/*", "ls", "sub/x.c", "sub/y.c");
        assertWords(context, "ls sub/.*", "ls", "sub/.z.c");
    }

    @Test
    void questionMarkAndSets() {
        assertWords(context, "ls a?1", "ls", "ab1", "ac1", "ad1");
        assertWords(context, "ls a[bc]1", "ls", "ab1", "ac1");
        assertWords(context, "ls a[!b]1 x", "ls", "ac1", "ad1", "x");
        assertWords(context, "ls a[^bc]1", "ls", "ad1");
        assertWords(context, "ls a[b-c]?", "ls", "ab1", "ab2", "ac1");
        assertWords(context, "ls [a]]b1", "ls", "[a]]b1");
        assertWords(context, "ls []]b1", "ls", "]b1");
        assertWords(context, "ls ?[]a]b1", "ls", "?[]a]b1");
    }

    @Test
    void questionMarkMatchesOneCodePoint() {
        // Two code points, three chars: "??" matches it, "???" does not.
        assertWords(context, "ls ??.txt ?.txt", "ls", "é😀.txt", "a.txt", "b.txt");
        assertWords(context, "ls ???.txt", "ls", "a b.txt");
        assertWords(context, "ls é?.txt", "ls", "é😀.txt");
        assertWords(context, "ls ?😀*", "ls", "é😀.txt");
    }

    @Test
    void noMatchLeavesTheWordWithQuotesRemoved() {
        assertWords(context, "ls *.nope", "ls", "*.nope");
        assertWords(context, "ls 'x y'*.nope \"q\"?", "ls", "x y*.nope", "q?");
        assertWords(context, "ls nope/*", "ls", "nope/*");
        assertWords(context, "ls a.txt/*", "ls", "a.txt/*");
        assertWords(context, "ls */nope", "ls", "*/nope");
    }

    @Test
    void quotedAndEscapedGlobCharactersAreLiteral() {
        assertWords(context, "ls '*.txt' \"*.txt\" \\*.txt", "ls", "*.txt", "*.txt", "*.txt");
        // The first * is quoted, the second is not: only the file named a*x matches.
        assertWords(context, "ls a'*'*", "ls", "a*x");
        assertWords(context, "ls a\\** '['h]/*", "ls", "a*x", "[h]/in-bracket-h");
        assertWords(context, "ls [h]/*", "ls", "h/in-h");
    }

    @Test
    void expandedTextIsNeverGlobbed() {
        String bracketDir = dir.resolve("[h]").toString();
        TestContext vars = new TestContext(Map.of("X", "*", "D", bracketDir), 0,
                dir.resolve("[h]"), dir);
        assertWords(vars, "echo $X \"$X\" ${X}.txt", "echo", "*", "*", "*.txt");
        // $D holds [h]: matched literally, not as the set {h}.
        assertWords(vars, "ls $D/*", "ls", bracketDir + "/in-bracket-h");
        assertWords(vars, "ls ~/*", "ls", bracketDir + "/in-bracket-h");
    }

    @Test
    void multiPartPatterns() {
        assertWords(context, "ls sub/*.c", "ls", "sub/x.c", "sub/y.c");
        assertWords(context, "ls */x.c", "ls", "sub/x.c", "sub2/x.c");
        assertWords(context, "ls */file", "ls", "sub2/file");
        assertWords(context, "ls s*/*.c", "ls", "sub/x.c", "sub/y.c", "sub2/x.c");
        assertWords(context, "ls ./*.log sub//x.*", "ls", "./c.log", "sub//x.c");
        assertWords(context, "ls */in-*", "ls", "[h]/in-bracket-h", "h/in-h");
    }

    @Test
    void trailingSlashMatchesDirectoriesOnly() {
        assertWords(context, "ls *", "ls", "[h]", "]b1", "a b.txt", "a*x", "a.txt", "ab1", "ab2",
                "ac1", "ad1", "b.txt", "c.log", "h", "other", "sub", "sub2", "é😀.txt");
        assertWords(context, "ls */", "ls", "[h]/", "h/", "other/", "sub/", "sub2/");
    }

    @Test
    void absolutePatternsGiveAbsolutePaths() {
        String root = dir.toString();
        TestContext elsewhere = TestContext.DEFAULT.inDirectory(Path.of("/"));
        assertWords(elsewhere, "ls " + root + "/*.log " + root + "/sub/?.c", "ls",
                root + "/c.log", root + "/sub/x.c", root + "/sub/y.c");
    }

    @Test
    void relativeGlobWithoutAWorkingDirectoryMatchesNothing() {
        assertWords(TestContext.DEFAULT.inDirectory(null), "ls *.txt", "ls", "*.txt");
    }

    @Test
    void unclosedBracketIsAnOrdinaryCharacter() throws IOException {
        files("[", "a[b");
        assertWords(context, "test [ -f x ]", "test", "[", "-f", "x", "]");
        assertWords(context, "ls a[b", "ls", "a[b");
        // The * still makes "[*" a glob, in which the unclosed [ is a plain character.
        assertWords(context, "ls [*", "ls", "[", "[h]");
    }

    @Test
    void unreadableDirectoryYieldsNoMatches() throws IOException {
        Path locked = dir.resolve("locked");
        Files.createDirectory(locked);
        Files.createFile(locked.resolve("secret"));
        if (!locked.toFile().setReadable(false, false) || Files.isReadable(locked)) {
            // Running as root, or on a file system without permissions: nothing to test.
            return;
        }
        try {
            assertWords(context, "ls locked/*", "ls", "locked/*");
        } finally {
            locked.toFile().setReadable(true, false);
        }
    }

    @Test
    void globResultsAreFinalWords() {
        // A file name that looks like syntax is not parsed again.
        assertEquals(new ParseResult.Command(List.of("ls", "a*x"), false),
                CommandLineParser.parse("ls a?x", context));
    }
}
