package dev.rshell.config.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {

    private static final Path F = Path.of("/etc/s.properties");

    private static PropertiesFile.Result parse(String text) {
        return PropertiesFile.parse(F, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNamesValuesAndLines() {
        PropertiesFile.Result r = parse("# comment\n! also a comment\n\n  port = 7022  \r\nlang=C.UTF-8\n"
                + "exec-path = /a:/b=c\nempty =\n");
        assertEquals(List.of(
                new RawValue("port", "7022", new Origin.FileLine(F, 4)),
                new RawValue("lang", "C.UTF-8", new Origin.FileLine(F, 5)),
                new RawValue("exec-path", "/a:/b=c", new Origin.FileLine(F, 6)),
                new RawValue("empty", "", new Origin.FileLine(F, 7))), r.values());
        assertEquals(List.of(), r.problems());
    }

    @Test
    void backslashesAndHashesAreKeptLiterally() {
        PropertiesFile.Result r = parse("data-dir = /srv/a\\b # not a comment\n");
        assertEquals("/srv/a\\b # not a comment", r.values().get(0).value());
    }

    @Test
    void lineWithoutEqualsOrNameIsAProblem() {
        PropertiesFile.Result r = parse("port 7022\n= 5\nok = 1\n");
        assertEquals(List.of(
                "file /etc/s.properties:1: expected NAME = VALUE, found \"port 7022\"",
                "file /etc/s.properties:2: expected NAME = VALUE, found \"= 5\""), r.problems());
        assertEquals(1, r.values().size());
    }

    @Test
    void malformedLineThatMayHoldAPasswordIsNotShown() {
        PropertiesFile.Result r = parse("tls-keystore-password: hunter2\nTLS_KEYSTORE_PASSWD hunter2\n");
        assertEquals(List.of(
                "file /etc/s.properties:1: expected NAME = VALUE, found a line that is not shown, as it may hold"
                        + " a password",
                "file /etc/s.properties:2: expected NAME = VALUE, found a line that is not shown, as it may hold"
                        + " a password"), r.problems());
    }

    @Test
    void rawValueOfAPasswordHidesItInToString() {
        RawValue secret = new RawValue("tls-keystore-password", "hunter2", new Origin.FileLine(F, 1));
        assertFalse(secret.toString().contains("hunter2"), secret.toString());
        assertTrue(secret.toString().contains("value=***"), secret.toString());
        RawValue plain = new RawValue("port", "7022", new Origin.FileLine(F, 2));
        assertTrue(plain.toString().contains("value=7022"), plain.toString());
    }

    @Test
    void nameSetTwiceIsAProblem() {
        PropertiesFile.Result r = parse("port = 1\n\nport = 2\n");
        assertEquals(List.of("file /etc/s.properties:3: port is set again (first at line 1); set it once"),
                r.problems());
        assertEquals("1", r.values().get(0).value());
    }

    @Test
    void invalidUtf8IsPinnedToItsLine() {
        byte[] bytes = {'a', '=', '1', '\n', 'b', '=', (byte) 0xC3, '\n', 'c', '=', '3'};
        PropertiesFile.Result r = PropertiesFile.parse(F, bytes);
        assertEquals(List.of("file /etc/s.properties:2: not valid UTF-8 text"), r.problems());
        assertEquals(List.of("a", "c"), r.values().stream().map(RawValue::name).toList());
        assertEquals(3, ((Origin.FileLine) r.values().get(1).origin()).line());
    }

    @Test
    void byteOrderMarkIsIgnored() {
        assertEquals("port", parse("\uFEFFport = 1").values().get(0).name());
    }

    @Test
    void readsFromDiskAndFailsOnMissingFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.properties");
        Files.writeString(f, "lang = é\n");
        assertEquals("é", PropertiesFile.read(f).values().get(0).value());
        assertThrows(NoSuchFileException.class, () -> PropertiesFile.read(dir.resolve("none")));
    }

    @Test
    void hugeFileIsRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("big");
        Files.write(f, new byte[(int) PropertiesFile.MAX_BYTES + 1]);
        assertEquals(List.of("file " + f + ": larger than 1024 KiB; is this really a settings file?"),
                PropertiesFile.read(f).problems());
    }

    @Test
    void environmentMapsUpperSnakeToKebab() {
        List<RawValue> v = CommandSources.fromEnvironment(Map.of(
                "RSHELL_SERVER_MAX_LINE", "1", "RSHELL_SERVER_CONFIG", "/x", "HOME", "/h",
                "RSHELL_SERVER_port", "2"));
        assertEquals(List.of(
                new RawValue("max-line", "1", new Origin.Variable("RSHELL_SERVER_MAX_LINE")),
                new RawValue("RSHELL_SERVER_port", "2", new Origin.Variable("RSHELL_SERVER_port"))), v);
    }

    @Test
    void flagsKeepOrderAndTolerateDashes() {
        List<RawValue> v = CommandSources.fromFlags(new java.util.LinkedHashMap<>(Map.of("--port", "1")));
        assertEquals(List.of(new RawValue("port", "1", new Origin.Flag("--port"))), v);
        assertEquals("flag --port", v.get(0).origin().describe());
        assertEquals("variable RSHELL_SERVER_PORT", new Origin.Variable("RSHELL_SERVER_PORT").describe());
        assertEquals("RSHELL_SERVER_MAX_LINE", new Origin.Variable("X").spell("max-line"));
    }

    @Test
    void quoteKeepsMessagesOnOneLine() {
        assertEquals("\"a\\\"b\\\\c\\n\\t\\u0007\"", Text.quote("a\"b\\c\n\t\u0007"));
        assertEquals("\"" + "x".repeat(80) + "…\"", Text.quote("x".repeat(200)));
    }
}
