package dev.rshell.common.command;

import static dev.rshell.common.command.TestContext.assertError;
import static dev.rshell.common.command.TestContext.assertWords;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** $NAME, ${NAME}, $?, literal $ and ~. */
class ExpansionTest {

    @Test
    void expandsNamesOutsideQuotes() {
        assertWords("echo $USER ${USER} x$USER ${USER}x $A_1", "echo", "alice", "alice", "xalice",
                "alicex", "one");
        // A name runs as far as name characters go.
        assertWords("echo $USERx $USER.x $USER-x", "echo", "", "alice.x", "alice-x");
        assertWords("echo $USER$USER", "echo", "alicealice");
    }

    @Test
    void unsetAndEmptyVariablesExpandToNothingButKeepTheirWord() {
        assertWords("echo $NOPE x", "echo", "", "x");
        assertWords("echo ${NOPE}", "echo", "");
        assertWords("echo \"$NOPE\"", "echo", "");
        assertWords("echo a${NOPE}b $EMPTY", "echo", "ab", "");
        assertWords("$NOPE", "");
    }

    @Test
    void expansionIsNeverSplit() {
        assertWords("echo $SPACED", "echo", "a  b");
        assertWords("echo x${SPACED}y", "echo", "xa  by");
    }

    @Test
    void expansionIsNeverReparsed() {
        assertWords("echo $QUOTE", "echo", "it's \"x\"");
        TestContext context = new TestContext(Map.of("V", "$USER | ; & ~ # \\ '"), 0, null, null);
        assertWords(context, "echo $V", "echo", "$USER | ; & ~ # \\ '");
    }

    @Test
    void questionMarkIsTheLastStatus() {
        assertWords("echo $? ${?} \"$?\" x$?y", "echo", "3", "3", "3", "x3y");
        TestContext context = new TestContext(Map.of(), 130, null, null);
        assertWords(context, "echo $?", "echo", "130");
    }

    @Test
    void dollarBeforeAnythingElseIsLiteral() {
        assertWords("echo $ a$ $5 $$ $- $. $/x", "echo", "$", "a$", "$5", "$$", "$-", "$.", "$/x");
        assertWords("echo \"$\" \"a$\" \"$5\" \"$ x\"", "echo", "$", "a$", "$5", "$ x");
        assertWords("echo $'x' $\"y\"", "echo", "$x", "$y");
        assertWords("echo 日$本", "echo", "日$本");
    }

    @Test
    void badBracedNamesAreSyntaxErrors() {
        String bad = Lexer.BAD_NAME;
        assertError("echo ${1}", bad);
        assertError("echo ${}", bad);
        assertError("echo ${a b}", bad);
        assertError("echo ${a-b}", bad);
        assertError("echo \"${1x}\"", bad);
        assertError("echo ${", Lexer.BRACE);
        assertError("echo ${USER", Lexer.BRACE);
        assertError("echo \"${USER\"", Lexer.BRACE);
        // ${ inside single quotes or escaped is just text.
        assertWords("echo '${' \\${", "echo", "${", "${");
    }

    @Test
    void tildeAtTheStartOfAWordIsHome() {
        assertWords("cd ~", "cd", "/home/alice");
        assertWords("ls ~/x ~/", "ls", "/home/alice/x", "/home/alice/");
        assertWords("~", "/home/alice");
        assertWords("echo ~\t~", "echo", "/home/alice", "/home/alice");
    }

    @Test
    void tildeElsewhereIsLiteral() {
        assertWords("echo ~alice ~x/y a~ a/~ ~~", "echo", "~alice", "~x/y", "a~", "a/~", "~~");
        assertWords("echo \"~\" '~' \\~ \"~/x\"", "echo", "~", "~", "~", "~/x");
        // Only an unquoted / counts after the ~.
        assertWords("echo ~'/x' ~\\/x", "echo", "~/x", "~/x");
    }

    @Test
    void tildeWithoutAHomeStaysLiteral() {
        TestContext noHome = TestContext.DEFAULT.withHome(null);
        assertWords(noHome, "echo ~ ~/x", "echo", "~", "~/x");
    }
}
