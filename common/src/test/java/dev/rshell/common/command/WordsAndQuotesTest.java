package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertEmpty;
import static dev.rshell.common.command.TestContext.assertWords;
import static dev.rshell.common.command.TestContext.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Word splitting, quotes, escapes, comments and characters that must pass through intact. */
class WordsAndQuotesTest {

    @Test
    void splitsOnSpacesAndTabsOnly() {
        assertWords("ls -la /tmp", "ls", "-la", "/tmp");
        assertWords("  a \t\t b\t", "a", "b");
        // Other white space is an ordinary character.
        assertWords("a\u00a0b c\u000bd\fe", "a\u00a0b", "c\u000bd\fe");
    }

    @Test
    void blankLinesAndCommentsAreEmpty() {
        assertEmpty("");
        assertEmpty("   \t ");
        assertEmpty("# just a comment");
        assertEmpty("   # indented comment with 'quote and | pipe");
        assertEquals(new ParseResult.Empty(), CommandLineParser.parse(null, TestContext.DEFAULT));
    }

    @Test
    void hashStartsACommentOnlyAtTheStartOfAWord() {
        assertWords("echo a # b c", "echo", "a");
        assertWords("echo a#b", "echo", "a#b");
        assertWords("echo a\t#b", "echo", "a");
        assertWords("echo '#' \"#x\" \\#y", "echo", "#", "#x", "#y");
        assertWords("echo ''#x", "echo", "#x");
    }

    @Test
    void singleQuotesAreLiteral() {
        assertWords("echo 'a  b' 'c\"d' '$USER' '\\n' '~' '*'",
                "echo", "a  b", "c\"d", "$USER", "\\n", "~", "*");
        assertWords("echo 'a'b'c'", "echo", "abc");
        assertWords("echo '|;<>&&||'", "echo", "|;<>&&||");
    }

    @Test
    void doubleQuotesKeepBlanksAndExpand() {
        assertWords("echo \"a  b\" \"$USER\" \"${USER}x\" \"$?\"",
                "echo", "a  b", "alice", "alicex", "3");
        assertWords("echo \"it's\" \"~\" \"*\" \"#\"", "echo", "it's", "~", "*", "#");
        assertWords("echo \"a\"'b'c", "echo", "abc");
    }

    @Test
    void doubleQuoteEscapesAreOnlyQuoteBackslashAndDollar() {
        assertWords("echo \"\\\"\"", "echo", "\"");
        assertWords("echo \"\\\\\"", "echo", "\\");
        assertWords("echo \"\\$USER\"", "echo", "$USER");
        // Any other backslash is kept, with the character after it.
        assertWords("echo \"\\n\\t\\a\\'\"", "echo", "\\n\\t\\a\\'");
        assertWords("echo \"C:\\dir\\file\"", "echo", "C:\\dir\\file");
        assertWords("echo \"\\\\$USER\"", "echo", "\\alice");
    }

    @Test
    void backslashOutsideQuotesMakesAnyCharacterLiteral() {
        assertWords("echo a\\ b", "echo", "a b");
        assertWords("echo \\n \\\\ \\' \\\" \\$USER \\~ \\*", "echo", "n", "\\", "'", "\"", "$USER",
                "~", "*");
        assertWords("echo \\|\\;\\<\\>\\&", "echo", "|;<>&");
        assertWords("echo \\é\\😀", "echo", "é😀");
    }

    @Test
    void emptyQuotesMakeEmptyWords() {
        assertWords("echo ''", "echo", "");
        assertWords("echo \"\"", "echo", "");
        assertWords("echo '' \"\" x", "echo", "", "", "x");
        assertWords("''", "");
    }

    @Test
    void unicodePassesThroughIntact() {
        String line = "echo héllo 日本語 😀👍🏽 e\u0301 \ud83c\udff3\ufe0f\u200d\ud83c\udf08";
        assertWords(line, "echo", "héllo", "日本語", "😀👍🏽", "e\u0301",
                "\ud83c\udff3\ufe0f\u200d\ud83c\udf08");
        assertWords("echo '😀 x' \"日 本\"", "echo", "😀 x", "日 本");
    }

    @Test
    void replacementAndControlCharactersAreOrdinary() {
        assertWords("echo \ufffd\u0001\u001b[0m\r", "echo", "\ufffd\u0001\u001b[0m\r");
        assertWords("echo '\ufffd\u0007'", "echo", "\ufffd\u0007");
        // A lone surrogate (from a bad decoder) is kept as it is.
        assertWords("echo \ud800x", "echo", "\ud800x");
    }

    @Test
    void fastPathAndFullLexerAgree() {
        // The same words, once with nothing special and once forcing the full lexer.
        assertWords("a b-c d.e f=g h:i j,k", "a", "b-c", "d.e", "f=g", "h:i", "j,k");
        assertWords("a b-c d.e f=g h:i j,k ''", "a", "b-c", "d.e", "f=g", "h:i", "j,k", "");
        assertWords("(x) {y} !w", "(x)", "{y}", "!w");
    }

    @Test
    void commandWordsAreUnmodifiableAndNeverEmpty() {
        ParseResult.Command command = (ParseResult.Command) parse("echo a");
        assertThrows(UnsupportedOperationException.class, () -> command.words().add("b"));
        List<String> source = new ArrayList<>(List.of("x"));
        ParseResult.Command copy = new ParseResult.Command(source, false);
        source.add("y");
        assertEquals(List.of("x"), copy.words());
        assertThrows(IllegalArgumentException.class,
                () -> new ParseResult.Command(List.of(), false));
    }
}
