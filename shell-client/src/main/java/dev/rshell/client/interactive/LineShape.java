package dev.rshell.client.interactive;

import dev.rshell.common.command.CommandLineParser;
import dev.rshell.common.command.ParseContext;
import dev.rshell.common.command.ParseResult;

/**
 * What the shell learns from a command line before sending it, by the server's own parser
 * ({@link CommandLineParser}), parsing with nothing in its context: no variables, no home, no
 * directory listed, so the client's files and environment play no part.
 *
 * <p>Thread safety: stateless.
 */
final class LineShape {

    private LineShape() {
    }

    /**
     * True when {@code line} runs in the background (its last word is {@code &}): such a command
     * gets no terminal input, as in a local shell. A line that does not parse is not: the server
     * answers it with its error at once.
     */
    static boolean background(String line) {
        return CommandLineParser.parse(line, ParseContext.none()) instanceof ParseResult.Command c && c.background();
    }
}
