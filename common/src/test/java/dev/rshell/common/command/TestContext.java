package dev.rshell.common.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** A fixed session for parser tests, with the assertions they share. */
record TestContext(Map<String, String> variables, int lastStatus, Path home, Path workingDirectory)
        implements ParseContext {

    static final TestContext DEFAULT = new TestContext(
            Map.of("USER", "alice", "HOME", "/home/alice", "EMPTY", "", "SPACED", "a  b",
                    "STAR", "*", "QUOTE", "it's \"x\"", "A_1", "one"),
            3, Path.of("/home/alice"), Path.of("/nonexistent-rshell-test-dir"));

    @Override
    public String variable(String name) {
        return variables.get(name);
    }

    TestContext inDirectory(Path directory) {
        return new TestContext(variables, lastStatus, home, directory);
    }

    TestContext withHome(Path newHome) {
        return new TestContext(variables, lastStatus, newHome, workingDirectory);
    }

    static ParseResult parse(String line) {
        return CommandLineParser.parse(line, DEFAULT);
    }

    static void assertWords(String line, String... words) {
        assertWords(DEFAULT, line, words);
    }

    static void assertWords(ParseContext context, String line, String... words) {
        assertEquals(new ParseResult.Command(Arrays.asList(words), false),
                CommandLineParser.parse(line, context), () -> "line: " + line);
    }

    static void assertBackground(String line, String... words) {
        assertEquals(new ParseResult.Command(Arrays.asList(words), true), parse(line),
                () -> "line: " + line);
    }

    static void assertEmpty(String line) {
        assertEquals(new ParseResult.Empty(), parse(line), () -> "line: " + line);
    }

    static void assertError(String line, String message) {
        assertEquals(new ParseResult.SyntaxError(message), parse(line), () -> "line: " + line);
    }
}
