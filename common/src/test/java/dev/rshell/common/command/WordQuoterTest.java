package dev.rshell.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** quote() is the parser's inverse for one word. */
class WordQuoterTest {

    @Test
    void plainWordsAreUnchanged() {
        for (String word : List.of("ls", "-la", "/tmp/x.txt", "a=b", "a]b", "x!y", "日本語😀",
                "(x)")) {
            assertEquals(word, WordQuoter.quote(word));
        }
        // A brace or backtick may start an expansion the parser refuses: quoted, it is text.
        assertEquals("'{y}'", WordQuoter.quote("{y}"));
        assertEquals("'{a,b}'", WordQuoter.quote("{a,b}"));
        assertEquals("'`x`'", WordQuoter.quote("`x`"));
    }

    @Test
    void specialWordsAreSingleQuoted() {
        assertEquals("''", WordQuoter.quote(""));
        assertEquals("'a b'", WordQuoter.quote("a b"));
        assertEquals("'a\tb'", WordQuoter.quote("a\tb"));
        assertEquals("'it'\\''s'", WordQuoter.quote("it's"));
        assertEquals("''\\'''", WordQuoter.quote("'"));
        assertEquals("'$HOME'", WordQuoter.quote("$HOME"));
        assertEquals("'*.txt'", WordQuoter.quote("*.txt"));
        assertEquals("'~'", WordQuoter.quote("~"));
        assertEquals("'#x'", WordQuoter.quote("#x"));
        assertEquals("'&'", WordQuoter.quote("&"));
        assertEquals("'a\"b'", WordQuoter.quote("a\"b"));
        assertEquals("'a\\b'", WordQuoter.quote("a\\b"));
    }

    @Test
    void roundTripsThroughTheParser(@TempDir Path dir) throws Exception {
        // Files that an unquoted glob would match, so a missed quote shows up as extra words.
        Files.createFile(dir.resolve("a b"));
        Files.createFile(dir.resolve("x"));
        TestContext context = new TestContext(Map.of("HOME", "/h", "X", "value"), 7,
                Path.of("/h"), dir);
        List<String> words = List.of("", " ", "a b", "it's", "'", "''", "\"", "\\", "\\'",
                "$HOME", "${X}", "$?", "$", "*", "?", "[x]", "[", "*.txt", "~", "~/x", "~user",
                "a~", "#", "#x", "a#b", "&", "a&b", "&&", "|", "||", ";", "<", ">", "a|b",
                "x y & z", "{a,b}", "{1..3}", "`x`", "$(x)", "{", "}", "{}", "日本 😀", "\t", "\ufffd", "\u0001", "e\u0301", "'$X'\"$X\"");
        for (String word : words) {
            assertRoundTrip(word, context);
        }
        Random random = new Random(42);
        char[] alphabet = " \t'\"\\$~#|;<>&*?[]{},.`()!-x1é😀".toCharArray();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder word = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                word.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertRoundTrip(word.toString(), context);
        }
    }

    private static void assertRoundTrip(String word, ParseContext context) {
        String quoted = WordQuoter.quote(word);
        assertEquals(new ParseResult.Command(List.of(word), false),
                CommandLineParser.parse(quoted, context), () -> "word [" + word + "] as " + quoted);
        // And as an argument after a command, where :complete puts it.
        assertEquals(new ParseResult.Command(List.of("ls", word), false),
                CommandLineParser.parse("ls " + quoted, context), () -> "argument " + quoted);
    }
}
