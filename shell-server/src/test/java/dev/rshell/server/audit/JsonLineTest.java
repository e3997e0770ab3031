package dev.rshell.server.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLineTest {

    private static String quoted(String value) {
        StringBuilder out = new StringBuilder();
        JsonLine.quote(out, value);
        return out.toString();
    }

    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"say \\\"hi\\\" to C:\\\\temp\"", quoted("say \"hi\" to C:\\temp"));
        assertEquals("\"a/b\"", quoted("a/b"), "a slash needs no escape");
    }

    @Test
    void everyControlCharacterIsEscaped() {
        assertEquals("\"\\n\\r\\t\\b\\f\"", quoted("\n\r\t\b\f"));
        assertEquals("\"\\u0000\\u0001\\u001b\\u001f\\u007f\"", quoted("\0\u0001\u001b\u001f\u007f"));
        for (char c = 0; c < 0x20; c++) {
            String q = quoted(String.valueOf(c));
            assertTrue(q.chars().allMatch(ch -> ch >= 0x20), "no raw control character: " + (int) c);
            assertEquals(String.valueOf(c), Json.parse(q));
        }
    }

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", quoted("a\u2028b\u2029c"));
    }

    @Test
    void unicodeIsWrittenAsItIsInUtf8() {
        String text = "grüße, 日本, \uD83D\uDE00";
        assertEquals("\"" + text + "\"", quoted(text));
        byte[] line = new JsonLine().string("s", text).toLine();
        assertArrayEquals(("{\"s\":\"" + text + "\"}\n").getBytes(StandardCharsets.UTF_8), line);
    }

    @Test
    void unpairedSurrogatesAreEscapedRatherThanLost() {
        assertEquals("\"a\\ud800b\\udc00\"", quoted("a\uD800b\uDC00"));
        assertEquals("\"\\udc00\\ud83d\"", quoted("\uDC00\uD83D"), "reversed pair");
        assertEquals("a\uD800b", Json.parse(quoted("a\uD800b")));
    }

    @Test
    void membersOfEveryKind() {
        String text = new JsonLine()
                .string("s", "x").string("none", null)
                .number("n", -42).number("big", Long.MIN_VALUE).bool("t", true).bool("f", false)
                .strings("argv", Arrays.asList("a", null, "")).strings("empty", List.of())
                .strings("nothing", null)
                .instant("ts", Instant.parse("2024-05-01T12:03:04.056789Z")).instant("never", null)
                .toString();
        assertEquals("{\"s\":\"x\",\"none\":null,\"n\":-42,\"big\":-9223372036854775808,"
                + "\"t\":true,\"f\":false,\"argv\":[\"a\",null,\"\"],\"empty\":[],\"nothing\":null,"
                + "\"ts\":\"2024-05-01T12:03:04.056Z\",\"never\":null}", text);
        Map<String, Object> parsed = Json.object(text);
        assertEquals(-42L, parsed.get("n"));
        assertEquals(Arrays.asList("a", null, ""), parsed.get("argv"));
        assertEquals("{}", new JsonLine().toString());
    }

    @Test
    void instantsAlwaysHaveThreeFractionDigits() {
        assertEquals("1970-01-01T00:00:00.000Z", instant(Instant.EPOCH));
        assertEquals("2024-02-29T23:59:59.999Z", instant(Instant.parse("2024-02-29T23:59:59.999999999Z")));
        assertEquals("1969-12-31T23:59:59.500Z", instant(Instant.ofEpochMilli(-500)));
        assertEquals("0999-01-02T03:04:05.006Z", instant(Instant.parse("0999-01-02T03:04:05.006Z")));
        assertEquals("+10000-01-01T00:00:00Z", instant(Instant.parse("+10000-01-01T00:00:00Z")),
                "out of the four-digit range: ISO_INSTANT");
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
            assertEquals(t, Instant.parse(instant(t)));
        }
    }

    @Test
    void randomStringsSurviveTheRoundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 5_000; i++) {
            char[] chars = new char[random.nextInt(20)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : (char) random.nextInt(0x80);
            }
            String value = new String(chars);
            String line = new JsonLine().strings("argv", List.of(value, "x")).toString();
            assertEquals(List.of(value, "x"), Json.object(line).get("argv"), line);
            String utf8 = new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(line, utf8, "no character is lost to UTF-8 encoding");
        }
    }

    private static String instant(Instant t) {
        StringBuilder out = new StringBuilder();
        JsonLine.appendInstant(out, t);
        return out.toString();
    }
}
