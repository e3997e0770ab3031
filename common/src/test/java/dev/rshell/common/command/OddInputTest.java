package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertEmpty;
import static dev.rshell.common.command.TestContext.assertError;
import static dev.rshell.common.command.TestContext.assertWords;
import static dev.rshell.common.command.TestContext.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Malformed, extreme and random lines: each has a defined result, none throws. */
class OddInputTest {

    @Test
    void unterminatedQuotes() {
        assertError("echo 'abc", Lexer.SINGLE_QUOTE);
        assertError("'", Lexer.SINGLE_QUOTE);
        assertError("echo \"abc", Lexer.DOUBLE_QUOTE);
        assertError("echo \"abc\\\"", Lexer.DOUBLE_QUOTE);
        assertError("\"", Lexer.DOUBLE_QUOTE);
        assertError("echo \"'\" '\"", Lexer.SINGLE_QUOTE);
    }

    @Test
    void lineEndingInABackslash() {
        assertError("echo \\", Lexer.BACKSLASH);
        assertError("\\", Lexer.BACKSLASH);
        assertWords("echo \\\\", "echo", "\\");
        assertWords("echo '\\'", "echo", "\\");
    }

    @Test
    void nulAnywhereIsASyntaxError() {
        assertError("echo a\0b", Lexer.NUL);
        assertError("echo 'a\0b'", Lexer.NUL);
        assertError("echo \\\0", Lexer.NUL);
        assertError("echo # \0", Lexer.NUL);
    }

    @Test
    void messagesAreOneLine() {
        for (String message : List.of(Lexer.OPERATORS, Lexer.AMPERSAND, Lexer.AMPERSAND_ALONE,
                Lexer.SINGLE_QUOTE, Lexer.DOUBLE_QUOTE, Lexer.BACKSLASH, Lexer.BRACE,
                Lexer.BAD_NAME, Lexer.NUL, GlobBudget.TOO_MANY_MATCHES,
                GlobBudget.TOO_MANY_ENTRIES, GlobBudget.TOO_MANY_STEPS)) {
            assertFalse(message.contains("\n") || message.contains("\r"), message);
        }
    }

    @Test
    void tenThousandQuotes() {
        assertWords("'".repeat(10_000), "");
        assertWords("\"".repeat(10_000), "");
        assertError("'".repeat(10_001), Lexer.SINGLE_QUOTE);
        assertError("\"".repeat(10_001), Lexer.DOUBLE_QUOTE);
        String[] empties = new String[10_000];
        Arrays.fill(empties, "");
        assertWords("'' ".repeat(10_000).trim(), empties);
    }

    @Test
    @Timeout(5)
    void longLinesParseQuickly() {
        String plain = "word ".repeat(13_107);
        String[] plainWords = new String[13_107];
        Arrays.fill(plainWords, "word");
        String quoted = "'a b' \"$USER\" \\x ".repeat(4_000);
        String dollars = "$USER".repeat(13_000);
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            assertEquals(13_107, ((ParseResult.Command) parse(plain)).words().size());
            assertEquals(12_000, ((ParseResult.Command) parse(quoted)).words().size());
            assertEquals("alice".repeat(13_000),
                    ((ParseResult.Command) parse(dollars)).words().get(0));
        }
        assertWords(plain, plainWords);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 4_000, "60 parses of 64 KiB lines took " + millis + " ms");
    }

    @Test
    void longWordsAndLongErrors() {
        String big = "x".repeat(65_536);
        assertWords(big, big);
        assertError("echo '" + big, Lexer.SINGLE_QUOTE);
        assertError("echo ${" + big, Lexer.BRACE);
        assertError("echo ${" + big + " }", Lexer.BAD_NAME);
        assertEmpty("#" + big);
    }

    @Test
    @Timeout(20)
    void randomLinesNeverThrow(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("a b"));
        Files.createDirectory(dir.resolve(".d"));
        TestContext context = new TestContext(Map.of("A", "*", "B", "x y", "C", ""), 1, dir, dir);
        char[] alphabet = " \t'\"\\$~#|;<>&*?[]!^-{}()/.aB_1é😀\0\ufffd\n".toCharArray();
        Random random = new Random(20_240_601L);
        int commands = 0;
        for (int i = 0; i < 20_000; i++) {
            int length = random.nextInt(24);
            StringBuilder line = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                line.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String text = line.toString();
            ParseResult result = CommandLineParser.parse(text, context);
            assertNotNull(result, text);
            if (result instanceof ParseResult.Command command) {
                commands++;
                assertFalse(command.words().isEmpty(), text);
            } else if (result instanceof ParseResult.SyntaxError error) {
                assertTrue(error.message().startsWith("syntax error: ")
                        || error.message().startsWith("glob "), text);
            }
        }
        // The alphabet is hostile, but plenty of lines are still valid commands.
        assertTrue(commands > 1_000, "commands: " + commands);
    }

    @Test
    void surrogatePairsSurviveEscapesAndQuotes() {
        assertWords("echo \\😀 \"😀\" '😀' 😀$USER", "echo", "😀", "😀", "😀", "😀alice");
        assertInstanceOf(ParseResult.Command.class, parse("\ud83d"));
    }
}
