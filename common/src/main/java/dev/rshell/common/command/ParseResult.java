package dev.rshell.common.command;

import java.util.List;
import java.util.Objects;

/** The outcome of parsing one command line: a command, nothing, or a syntax error. */
public sealed interface ParseResult {

    /**
     * A command to run.
     *
     * @param words argv after expansion and globbing, never empty; unmodifiable
     * @param background a last unquoted word {@code &} was present (and removed)
     */
    record Command(List<String> words, boolean background) implements ParseResult {
        public Command {
            words = List.copyOf(words);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a command has at least one word");
            }
        }
    }

    /** The line has no words (empty, blanks, or only a comment): ignored, it gets no number. */
    record Empty() implements ParseResult {
    }

    /**
     * The line can't run; it still takes a number and ends with status 2.
     *
     * @param message one line for the user, e.g. {@code syntax error: unterminated single quote}
     */
    record SyntaxError(String message) implements ParseResult {
        public SyntaxError {
            Objects.requireNonNull(message, "message");
        }
    }
}
