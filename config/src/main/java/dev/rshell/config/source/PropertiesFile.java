package dev.rshell.config.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a server properties file into raw values that remember their line.
 *
 * <p>Format, one setting a line, UTF-8:
 * <pre>
 * # a comment (so is a line starting with !)
 * port = 7022
 * max-line=65536
 * </pre>
 * Blanks around the name and the value are dropped; everything after the first {@code =}
 * is the value, so there are no inline comments and no escapes. A name set twice is a
 * problem rather than "last one wins", because the first line would silently do nothing.
 *
 * <p>This is deliberately not {@link java.util.Properties}: that class forgets line numbers,
 * accepts {@code :} and blanks as separators, and treats backslashes as escapes, which would
 * mangle paths and hide typos.
 */
public final class PropertiesFile {

    /** Larger than any sane settings file: refuse rather than read a wrong file into memory. */
    static final long MAX_BYTES = 1024 * 1024;

    /**
     * The values and syntax problems of one file.
     *
     * @param values   the settings in file order
     * @param problems one-line messages naming file and line; empty when the syntax is fine
     */
    public record Result(List<RawValue> values, List<String> problems) {
        public Result {
            values = List.copyOf(values);
            problems = List.copyOf(problems);
        }
    }

    private PropertiesFile() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file can't be read at all (missing, a directory, no
     *                     permission); line-level problems are returned, not thrown
     */
    public static Result read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            return new Result(List.of(), List.of("file " + file + ": larger than "
                    + MAX_BYTES / 1024 + " KiB; is this really a settings file?"));
        }
        return parse(file, Files.readAllBytes(file));
    }

    /** Parses the bytes of {@code file}; split from {@link #read} so tests need no disk. */
    static Result parse(Path file, byte[] bytes) {
        List<RawValue> values = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        // One decoder, reporting errors, so a bad byte is pinned to its line instead of
        // becoming U+FFFD inside a value.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            lineNo++;
            Origin.FileLine origin = new Origin.FileLine(file, lineNo);
            String line;
            try {
                line = decoder.reset().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
            } catch (CharacterCodingException e) {
                problems.add(origin.describe() + ": not valid UTF-8 text");
                start = end + 1;
                continue;
            }
            start = end + 1;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark some editors write
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            String name = eq < 0 ? "" : trimmed.substring(0, eq).strip();
            if (name.isEmpty()) {
                // A line such as "tls-keystore-password: hunter2" must not put the password in
                // a message, so a malformed line that mentions a password is not shown.
                problems.add(origin.describe() + ": expected NAME = VALUE, found "
                        + (mayHoldSecret(trimmed) ? "a line that is not shown, as it may hold a password"
                                : Text.quote(trimmed)));
                continue;
            }
            Integer first = firstLine.putIfAbsent(name, lineNo);
            if (first != null) {
                problems.add(origin.describe() + ": " + name + " is set again (first at line "
                        + first + "); set it once");
                continue;
            }
            values.add(new RawValue(name, trimmed.substring(eq + 1).strip(), origin));
        }
        return new Result(values, problems);
    }

    /** Whether {@code text} may hold a secret value: it mentions a password. */
    static boolean mayHoldSecret(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password") || lower.contains("passwd") || lower.contains("secret");
    }
}
