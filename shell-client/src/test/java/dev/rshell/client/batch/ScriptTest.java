package dev.rshell.client.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which lines become commands, mirroring the server's numbering. */
@Timeout(5)
class ScriptTest {

    private static List<ScriptLine> all(Script script) throws ScriptProblem {
        List<ScriptLine> lines = new ArrayList<>();
        for (ScriptLine l = script.next(); l != null; l = script.next()) {
            lines.add(l);
        }
        return lines;
    }

    private static Script.Input stdin(String text) {
        return new Script.Input.Stdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void onlyLfEndsALineAndOnlyTheCrBeforeItIsDropped() throws ScriptProblem {
        Script script = new Script(List.of(stdin("a\rb\r\nc\r")));
        assertEquals(List.of(new ScriptLine("a\rb", "<stdin>:1"), new ScriptLine("c", "<stdin>:2")), all(script));
    }

    @Test
    void blankAndCommentLinesAreSkippedButCounted() throws ScriptProblem {
        Script script = new Script(List.of(stdin("\n \t\n  # x\necho #not a comment\n")));
        assertEquals(List.of(new ScriptLine("echo #not a comment", "<stdin>:4")), all(script));
    }

    @Test
    void dashCTextIsSplitAtLineBreaks() throws ScriptProblem {
        Script script = new Script(List.of(new Script.Input.Text("one", "-c #1"),
                new Script.Input.Text("two\n\nthree", "-c #2")));
        assertEquals(List.of(new ScriptLine("one", "-c #1"), new ScriptLine("two", "-c #2, line 1"),
                new ScriptLine("three", "-c #2, line 3")), all(script));
    }

    @Test
    void aControlLineIsRefusedWithItsPlace() {
        Script script = new Script(List.of(stdin("ls\n\n:login a b\n")));
        ScriptProblem p = assertThrows(ScriptProblem.class, () -> all(script));
        assertEquals("<stdin>:3: a command can't start with ':'", p.getMessage());
    }

    @Test
    void aLineStillEndingWithCrIsRefusedWithItsPlace() {
        for (Script.Input input : List.of(stdin("ls\necho a\r\r\n"), new Script.Input.Text("ls\necho a\r\r", "-c"))) {
            ScriptProblem p = assertThrows(ScriptProblem.class, () -> all(new Script(List.of(input))));
            assertEquals((input instanceof Script.Input.Text ? "-c, line 2" : "<stdin>:2")
                    + ": a command can't end with CR", p.getMessage());
        }
    }

    @Test
    void anOverLongLineIsRefused() {
        byte[] big = new byte[ScriptLineReader.MAX_LINE + 10];
        java.util.Arrays.fill(big, (byte) 'x');
        Script script = new Script(List.of(new Script.Input.Stdin(new ByteArrayInputStream(big))));
        ScriptProblem p = assertThrows(ScriptProblem.class, script::next);
        assertEquals("<stdin>:1: line longer than 1048576 bytes (the client's limit)", p.getMessage());
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() throws ScriptProblem {
        Script script = new Script(List.of(new Script.Input.Stdin(
                new ByteArrayInputStream(new byte[] {'e', (byte) 0xff, '\n'}))));
        assertEquals("e\uFFFD", script.next().text());
        assertNull(script.next());
    }
}
