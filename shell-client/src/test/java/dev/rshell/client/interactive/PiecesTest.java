package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interactive shell's small parts, in memory. */
class PiecesTest {

    @Test
    void passwordsAreQuotedSoThatTheServerReadsThemBackExactly() {
        for (String secret : List.of("plain", "it's", "'", "''", "a b", "$HOME", "~", "*", "#x", "\\", "\"q\"",
                "a&b", "x;y", "|", "<>", "tab\there", "日本 😀", "")) {
            String line = "passwd " + InteractiveShell.quote(secret) + " " + InteractiveShell.quote("new " + secret);
            assertEquals(new ParseResult.Command(List.of("passwd", secret, "new " + secret), false),
                    CommandLineParser.parse(line, ParseContext.none()), line);
        }
        assertEquals("'it'\\''s'", InteractiveShell.quote("it's"));
    }

    @Test
    void theHomeDirectoryShowsAsTilde() {
        assertEquals("~", Prompt.tilde("/home/a", "/home/a"));
        assertEquals("~/src", Prompt.tilde("/home/a/src", "/home/a"));
        assertEquals("/home/ab", Prompt.tilde("/home/ab", "/home/a"));
        assertEquals("/tmp", Prompt.tilde("/tmp", "/home/a"));
        assertEquals("/", Prompt.tilde("/", "/"));
        assertEquals("/etc", Prompt.tilde("/etc", "/"));
        assertEquals("/etc", Prompt.tilde("/etc", null));
    }

    @Test
    void thePromptIsSafeForJLineAndTheTerminal() {
        Prompt p = new Prompt("bob", "db-1", false);
        assertEquals("bob@db-1:~$ ", p.text("/srv/bob", "/srv/bob"));
        assertEquals("bob@db-1:/data/100%%$ ", p.text("/data/100%", "/srv/bob"), "% is JLine's escape");
        assertEquals("bob@db-1:/a?[31mb$ ", p.text("/a\u001b[31mb", "/srv/bob"), "no escape sequence from a path");
        assertEquals("bob@db-1:?$ ", p.text(null, null));
        assertEquals("root@[::1]:/# ", new Prompt("root", "::1", true).text("/", "/root"));
    }

    @Test
    void historyExcludesLoginAndPasswdLines() {
        for (String secret : List.of(":login bob pw", "  :login x y", "passwd", "passwd old new", " passwd\tx y")) {
            assertTrue(ShellHistory.excluded(secret), secret);
        }
        for (String kept : List.of("ls", "echo passwd", "passwdx", "cat :login", ":ping")) {
            assertFalse(ShellHistory.excluded(kept), kept);
        }
    }

    @Test
    void candidatesAreSplitAtUnquotedBlanksOnly() {
        assertEquals(List.of("echo", "env", "exit"), WordParser.split("echo env exit"));
        assertEquals(List.of("'my file'", "/etc/", "'it'\\''s'", "a\\ b"),
                WordParser.split("'my file' /etc/ 'it'\\''s' a\\ b"));
        assertEquals(List.of("\"a b\"", "c"), WordParser.split("\"a b\"  c "));
        assertEquals(List.of(), WordParser.split(""));
    }

    @Test
    void theWordBeingCompletedEndsAtTheCursor() {
        WordParser.Parsed p = WordParser.Parsed.of("cat /etc/ho more", 11);
        assertEquals("/etc/ho", p.word());
        assertEquals(1, p.wordIndex());
        assertEquals(7, p.rawWordLength());
        assertEquals(List.of("cat", "/etc/ho", "more"), p.words());

        assertEquals("'my f", WordParser.Parsed.of("cat 'my f", 9).word(), "an open quote is part of the word");
        assertEquals("my\\ f", WordParser.Parsed.of("cat my\\ f", 9).word(), "an escaped blank joins the word");
        assertEquals("", WordParser.Parsed.of("cat ", 4).word(), "after a blank: a new, empty word");
        assertEquals(1, WordParser.Parsed.of("cat ", 4).wordIndex());
        assertEquals("", WordParser.Parsed.of("", 0).word());
    }

    @Test
    void historyFilesArePerServerInTheClientsDirectory() {
        assertEquals(Path.of("/h/.rshell/history-db-1.example-7022"),
                ShellSettings.historyFile(Map.of("HOME", "/h"), "db-1.example", 7022));
        assertEquals(Path.of("/r/history-__1-7022"), ShellSettings.historyFile(Map.of("RSHELL_HOME", "/r"), "::1", 7022));
    }

    @Test
    void colourIsOffWithTheFlagOrANonEmptyNoColor() {
        assertTrue(ShellSettings.of(Map.of(), false, null, "h", 1).color());
        assertTrue(ShellSettings.of(Map.of("NO_COLOR", ""), false, null, "h", 1).color());
        assertFalse(ShellSettings.of(Map.of("NO_COLOR", "1"), false, null, "h", 1).color());
        assertFalse(ShellSettings.of(Map.of(), true, null, "h", 1).color());
    }
}
