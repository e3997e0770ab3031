package dev.rshell.common.command;

/**
 * Internal: unwinds the lexer or globber to {@link CommandLineParser#parse}, which turns it
 * into a {@link ParseResult.SyntaxError}. It never leaves the package. No stack trace: it is
 * an expected answer to user input, not a bug, and filling one in on every typo costs time.
 */
final class SyntaxFailure extends Exception {

    SyntaxFailure(String message) {
        super(message, null, false, false);
    }
}
