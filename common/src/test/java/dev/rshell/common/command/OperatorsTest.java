package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertBackground;
import static dev.rshell.common.command.TestContext.assertError;
import static dev.rshell.common.command.TestContext.assertWords;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pipes, lists and redirections are refused; & only as the last word. */
class OperatorsTest {

    @Test
    void operatorMessageNamesTheWayOut() {
        assertTrue(Lexer.OPERATORS.startsWith("syntax error: "));
        assertTrue(Lexer.OPERATORS.contains("pipes"));
        assertTrue(Lexer.OPERATORS.contains("redirections"));
        assertTrue(Lexer.OPERATORS.contains("sh -c '...'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ls | wc", "ls|wc", "ls |wc", "ls| wc", "|", "| ls", "ls |",
        "a ; b", "a;b", "a;", ";",
        "echo x > f", "echo x>f", "echo x >f", ">f", "echo x >> f", "cat < f", "cat<f",
        "a && b", "a&&b", "a &&", "&& a", "a || b", "a||b",
        "echo x 2>&1", "echo x &> f", "echo x &>f", "echo x&|y",
        "echo 'ok' | wc", "echo \"a\"|wc", "echo a\\ b;c", "~|x", "$USER|x",
    })
    void unquotedOperatorsAreSyntaxErrors(String line) {
        assertError(line, Lexer.OPERATORS);
    }

    @Test
    void quotedOrEscapedOperatorsAreLiteral() {
        assertWords("echo '|' \";\" \\< '>' \"&&\" '||' \\&",
                "echo", "|", ";", "<", ">", "&&", "||", "&");
        assertWords("echo a'|'b a\";\"b a\\>b", "echo", "a|b", "a;b", "a>b");
        assertWords("echo '&'", "echo", "&");
        assertWords("sh -c 'ls | wc -l; echo done > /dev/null'", "sh", "-c",
                "ls | wc -l; echo done > /dev/null");
    }

    @Test
    void operatorsInsideACommentDoNotCount() {
        assertWords("echo a # | ; > &", "echo", "a");
    }

    @Test
    void lastAmpersandRunsInTheBackground() {
        assertBackground("sleep 5 &", "sleep", "5");
        assertBackground("sleep 5   &   ", "sleep", "5");
        assertBackground("sleep 5\t&\t", "sleep", "5");
        assertBackground("sleep 5 & # a comment", "sleep", "5");
        assertBackground("echo '&' &", "echo", "&");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a & b", "a&", "a&b", "&a", "a &b", "a & & ", "echo '' & x", "sleep 1 & | x",
    })
    void ampersandAnywhereElseIsASyntaxError(String line) {
        assertError(line, Lexer.AMPERSAND);
    }

    @ParameterizedTest
    @ValueSource(strings = {"&", " & ", "&\t# comment"})
    void ampersandAloneIsASyntaxError(String line) {
        assertError(line, Lexer.AMPERSAND_ALONE);
    }

    @Test
    void firstProblemFromTheLeftIsReported() {
        assertError("a | 'b", Lexer.OPERATORS);
        assertError("a 'b | c", Lexer.SINGLE_QUOTE);
        assertError("a & b | c", Lexer.AMPERSAND);
    }
}
