package dev.rshell.client.batch;

import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;

/**
 * What the client learns from a script line before sending it, by the server's own parser
 * ({@link CommandLineParser}): whether it is {@code exit} (which ends the session, so nothing
 * after it runs) and whether it fails to parse (so its error can name the line's place).
 *
 * <p>The parse never touches the client's file system or environment: no variables, no home,
 * no working directory, no directory may be listed. Syntax errors don't depend on those; the
 * first word {@code exit} is recognised when it is written as a word, not when it comes from a
 * variable.
 *
 * @param exit        the line runs {@code exit} in the foreground
 * @param syntaxError the parser's message ({@code syntax error: ...}), or null
 */
record LineCheck(boolean exit, String syntaxError) {

    private static final LineCheck PLAIN = new LineCheck(false, null);

    static LineCheck of(String line) {
        ParseResult parsed = CommandLineParser.parse(line, ParseContext.none());
        if (parsed instanceof ParseResult.SyntaxError e) {
            return new LineCheck(false, e.message());
        }
        if (parsed instanceof ParseResult.Command c && !c.background() && !c.words().isEmpty()
                && c.words().get(0).equals("exit")) {
            return new LineCheck(true, null);
        }
        return PLAIN;
    }
}
