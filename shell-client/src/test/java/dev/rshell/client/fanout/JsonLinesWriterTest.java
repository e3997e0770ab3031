package dev.rshell.client.fanout;

import static dev.rshell.client.fanout.Hosts.host;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rshell.client.bench.MiniJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** JSON lines: each event parses, strings survive any text. */
class JsonLinesWriterTest {

    @Test
    void escapesEverythingJsonNeeds() {
        assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\\u2028\\u2029\"",
                JsonText.quote("a\"b\\c\n\r\t\b\f\u0001\u001f\u007f\u2028\u2029"));
        assertEquals("\"é€😀/\"", JsonText.quote("é€😀/"));
        assertEquals("\"\\ud800x\\udc00\"", JsonText.quote("\ud800x\udc00"));
        assertEquals("null", JsonText.quote(null));
    }

    /** Any text, bounded random: quote then parse gives it back. */
    @Test
    void roundTripOfRandomText() {
        Random random = new Random(3);
        char[] alphabet = {'a', '"', '\\', '/', '\n', '\r', '\t', '\u0000', '\u001f', ' ', 'é', '\u2028', '\ud83d',
            '\ude00', '\u007f', '{', '}', ','};
        for (int round = 0; round < 3000; round++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String s = b.toString();
            assertEquals(s, MiniJson.parse(JsonText.quote(s)));
        }
    }

    @Test
    void outputAndEndEventsParseLineByLine() {
        Hosts.Capture out = new Hosts.Capture();
        JsonLinesWriter w = new JsonLinesWriter(out.stream);
        w.line(host("web1"), HostStream.STDOUT, "hi \"there\"");
        w.line(host("web1"), HostStream.STDERR, "tab\there");
        w.ended(new HostResult(host("web1"), new HostOutcome.Failed(3), 41));
        w.ended(new HostResult(host("web2"), new HostOutcome.Unreachable("can't connect to web2:7022: Connection refused"), 3));
        String[] lines = out.text().split("\n");
        assertEquals(4, lines.length);
        assertEquals(map("host", "web1", "stream", "stdout", "text", "hi \"there\""), MiniJson.parse(lines[0]));
        assertEquals(map("host", "web1", "stream", "stderr", "text", "tab\there"), MiniJson.parse(lines[1]));
        Object end = MiniJson.parse(lines[2]);
        assertEquals("failed", MiniJson.at(end, "outcome"));
        assertEquals(3, MiniJson.longAt(end, "status"));
        assertEquals(41, MiniJson.longAt(end, "duration_ms"));
        assertEquals(null, MiniJson.at(end, "reason"));
        Object down = MiniJson.parse(lines[3]);
        assertEquals("unreachable", MiniJson.at(down, "outcome"));
        assertEquals(null, MiniJson.at(down, "status"));
        assertEquals("can't connect to web2:7022: Connection refused", MiniJson.at(down, "reason"));
        assertEquals(java.util.List.of("host", "outcome", "status", "duration_ms", "reason"),
                java.util.List.copyOf(((Map<?, ?>) down).keySet()));
    }

    private static Map<String, Object> map(String... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
