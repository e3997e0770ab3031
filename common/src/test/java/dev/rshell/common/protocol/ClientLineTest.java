package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientLineTest {

    private static final String LOGIN_USAGE = "usage: :login USER PASSWORD";

    @Test
    void loginKeepsEverythingAfterTheOneSpaceAsThePassword() {
        assertEquals(new ClientLine.Login("u", "p w"), ClientLine.classify(":login u p w"));
        assertEquals(new ClientLine.Login("alice", "correct horse battery staple"),
                ClientLine.classify(":login alice correct horse battery staple"));
        assertEquals(new ClientLine.Login("u", "  lead, inner  and trail  "),
                ClientLine.classify(":login u   lead, inner  and trail  "));
        assertEquals(new ClientLine.Login("u", "tab\there#not-a-comment"),
                ClientLine.classify(":login u tab\there#not-a-comment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":login u", ":login", ":login ", ":login  pw"})
    void loginWithoutUserAndPasswordIsUsage(String text) {
        assertEquals(new ClientLine.BadControl(LOGIN_USAGE), ClientLine.classify(text));
    }

    @Test
    void loginToStringHidesThePassword() {
        ClientLine line = ClientLine.classify(":login alice s3cret-Pa55 word");
        String shown = line.toString();
        assertFalse(shown.contains("s3cret"), shown);
        assertFalse(shown.contains("word"), shown);
        assertTrue(shown.contains("alice"), shown);
        assertFalse(new ClientLine.Login("bob", "hunter2").toString().contains("hunter2"));
    }

    @Test
    void ping() {
        assertEquals(new ClientLine.Ping(""), ClientLine.classify(":ping"));
        assertEquals(new ClientLine.Ping("text"), ClientLine.classify(":ping text"));
        assertEquals(new ClientLine.Ping("two  words "), ClientLine.classify(":ping two  words "));
    }

    @Test
    void interrupt() {
        assertEquals(new ClientLine.Interrupt(-1), ClientLine.classify(":interrupt"));
        assertEquals(new ClientLine.Interrupt(3), ClientLine.classify(":interrupt 3"));
        assertEquals(new ClientLine.Interrupt(12345678901L), ClientLine.classify(":interrupt 12345678901"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":interrupt x", ":interrupt 0", ":interrupt -1", ":interrupt 3 4", ":interrupt 1.5",
            ":interrupt 99999999999999999999"})
    void interruptWithABadNumberIsUsage(String text) {
        ClientLine.BadControl bad = assertInstanceOf(ClientLine.BadControl.class, ClientLine.classify(text));
        assertTrue(bad.reply().startsWith("usage: :interrupt"), bad.reply());
    }

    @Test
    void completeKeepsTrailingBlanks() {
        assertEquals(new ClientLine.Complete(""), ClientLine.classify(":complete "));
        assertEquals(new ClientLine.Complete(""), ClientLine.classify(":complete"));
        assertEquals(new ClientLine.Complete("ls  "), ClientLine.classify(":complete ls  "));
        assertEquals(new ClientLine.Complete("cat /et"), ClientLine.classify(":complete cat /et"));
        assertEquals(new ClientLine.Complete(" \t"), ClientLine.classify(":complete  \t"));
        assertEquals(new ClientLine.Complete("echo 'a b' # x"), ClientLine.classify(":complete echo 'a b' # x"));
    }

    @Test
    void quit() {
        assertEquals(new ClientLine.Quit(), ClientLine.classify(":quit"));
    }

    @Test
    void unknownControlLineNamesItsWord() {
        assertEquals(new ClientLine.BadControl("unknown control line: :foo"), ClientLine.classify(":foo bar"));
        assertEquals(new ClientLine.BadControl("unknown control line: :foo"), ClientLine.classify(":foo"));
        assertEquals(new ClientLine.BadControl("unknown control line: :"), ClientLine.classify(":"));
        assertEquals(new ClientLine.BadControl("unknown control line: :Ping"), ClientLine.classify(":Ping"));
        assertEquals(new ClientLine.BadControl("unknown control line: :loginx"), ClientLine.classify(":loginx u p"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "   ", "\t", " \t ", "#", "  # c", "# comment", "\t#:ping"})
    void linesWithNoWordsAreBlank(String text) {
        assertEquals(new ClientLine.Blank(), ClientLine.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", " echo", "\techo hi", "a#b", "echo # comment", "ls :x", "echo ':ping'",
            "exit 3", "x:", "echo\u00A0"})
    void everythingElseIsCommandTextVerbatim(String text) {
        assertEquals(new ClientLine.CommandText(text), ClientLine.classify(text));
    }
}
