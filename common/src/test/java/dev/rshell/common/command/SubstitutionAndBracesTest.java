package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertError;
import static dev.rshell.common.command.TestContext.assertWords;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Command substitution and brace expansion are refused, as pipes are, with one line naming the
 * construct; quoted, escaped and brace-only forms still pass through as text.
 */
class SubstitutionAndBracesTest {

    @Test
    void messagesNameTheConstructAndTheWayOut() {
        for (String message : new String[] {Lexer.SUBSTITUTION, Lexer.BACKTICKS, Lexer.BRACE_LIST}) {
            assertTrue(message.startsWith("syntax error: "), message);
            assertTrue(message.contains("not supported"), message);
            assertTrue(message.contains("quote"), message);
        }
        assertTrue(Lexer.SUBSTITUTION.contains("$(...)"));
        assertTrue(Lexer.SUBSTITUTION.contains("sh -c '...'"));
        assertTrue(Lexer.BACKTICKS.contains("`...`"));
        assertTrue(Lexer.BRACE_LIST.contains("{a,b}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo $(date)", "echo x$(date)y", "echo $((1+2))", "echo $(", "$(id)",
        "echo \"$(date)\"", "echo \"today: $(date +%F)\"",
    })
    void dollarParenIsRefused(String line) {
        assertError(line, Lexer.SUBSTITUTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo `date`", "echo a`date`b", "echo `", "echo \"`date`\"", "`id`"})
    void backticksAreRefused(String line) {
        assertError(line, Lexer.BACKTICKS);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "echo {a,b}", "cp f{,.bak}", "echo x{a,b}y", "echo {a,'b c'}", "echo {a,{b,c}}",
        "echo {{a,b}", "echo {a}{b,c}", "echo {$USER,x}", "echo {${USER},x}",
        "echo {1..3}", "echo {a..e}", "echo {0..10..2}", "echo {-3..3}", "echo {,}",
    })
    void braceListsAndSequencesAreRefused(String line) {
        assertError(line, Lexer.BRACE_LIST);
    }

    @Test
    void lonelyAndSingleBracesStayText() {
        assertWords("echo { } {} {a} x{y}z {a}b", "echo", "{", "}", "{}", "{a}", "x{y}z", "{a}b");
        assertWords("find . -name x -exec rm {} +", "find", ".", "-name", "x", "-exec", "rm", "{}", "+");
        assertWords("echo {a b,c}", "echo", "{a", "b,c}");
        assertWords("echo {1..} {..3} {a..bc} a,b {x.y}", "echo", "{1..}", "{..3}", "{a..bc}", "a,b", "{x.y}");
        assertWords("echo ${USER} {${USER}}", "echo", "alice", "{alice}");
    }

    @Test
    void quotedAndEscapedFormsPassThrough() {
        assertWords("echo '$(date)' '`date`' '{a,b}' '{1..3}'",
                "echo", "$(date)", "`date`", "{a,b}", "{1..3}");
        assertWords("echo \"{a,b}\" {a\\,b} \\{a,b} {a\",\"b}", "echo", "{a,b}", "{a,b}", "{a,b}", "{a,b}");
        assertWords("echo \\$(date) \\`date\\` \"\\$(x)\" \"\\`x\\`\"",
                "echo", "$(date)", "`date`", "$(x)", "`x`");
        assertWords("sh -c 'echo $(date) `id` {a,b}'", "sh", "-c", "echo $(date) `id` {a,b}");
        assertWords("echo $ $5 a$", "echo", "$", "$5", "a$");
    }

    @Test
    void aLineOfManyBracesIsOnePass() {
        String braces = "{".repeat(60_000) + "}".repeat(60_000);
        assertWords("echo " + braces, "echo", braces);
    }
}
