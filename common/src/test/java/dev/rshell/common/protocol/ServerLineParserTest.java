package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerLineParserTest {

    static Stream<ServerLine> everyKind() {
        return Stream.of(
                new ServerLine.Hello("rshell/1", "lab-01", List.of("password"), null),
                new ServerLine.Hello("rshell/1", "lab-01", List.of("password", "certificate"), "alice"),
                new ServerLine.Hello("rshell/1", "lab-01", List.of(), null),
                new ServerLine.Ok(""),
                new ServerLine.Ok("pong"),
                new ServerLine.Ok("logged in as alice (operator)"),
                new ServerLine.Ok("'a b'  c/  d"),
                new ServerLine.No("login first"),
                new ServerLine.No(""),
                new ServerLine.Cwd("/home/alice"),
                new ServerLine.Cwd("/tmp/with  two spaces "),
                new ServerLine.Out(1, "hello, alice"),
                new ServerLine.Out(3, ""),
                new ServerLine.Out(4, " "),
                new ServerLine.Out(5, "  lead and trail  "),
                new ServerLine.Out(6, "end 6 0"),
                new ServerLine.Out(Long.MAX_VALUE, "max"),
                new ServerLine.Err(2, "ls: /nope: No such file or directory"),
                new ServerLine.Err(2, ""),
                new ServerLine.Bg(3),
                new ServerLine.End(1, 0),
                new ServerLine.End(2, 1),
                new ServerLine.End(77, 255),
                new ServerLine.Msg("idle for 10 min: closing in 1 min"),
                new ServerLine.Msg(""),
                new ServerLine.Bye("goodbye"),
                new ServerLine.Bye("too many failed logins"),
                new ServerLine.Hello("rshell/1.1", "lab-01", List.of("password"), null),
                new ServerLine.More(1, 65536),
                new ServerLine.More(Long.MAX_VALUE, 0),
                new ServerLine.Part(2, ServerLine.Stream.OUT, "Continue? "),
                new ServerLine.Part(2, ServerLine.Stream.ERR, "[sudo] password for x: "),
                new ServerLine.Part(3, ServerLine.Stream.OUT, ""),
                new ServerLine.Part(3, ServerLine.Stream.OUT, "  grüße 😀  "),
                new ServerLine.OutBytes(1, new byte[0]),
                new ServerLine.OutBytes(1, new byte[] {0, 1, (byte) 0xff, '\r', '\n'}),
                new ServerLine.ErrBytes(4, new byte[] {(byte) 0xc3}),
                new ServerLine.ErrBytes(4, "no final newline".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripsEveryKind(ServerLine line) {
        assertEquals(line, ServerLineParser.parse(line.toWire()));
    }

    @Test
    void acceptsAMissingSpaceBeforeEmptyText() {
        assertEquals(new ServerLine.Out(3, ""), ServerLineParser.parse("out 3"));
        assertEquals(new ServerLine.Err(7, ""), ServerLineParser.parse("err 7"));
        assertEquals(new ServerLine.Ok(""), ServerLineParser.parse("ok"));
        assertEquals(new ServerLine.Ok(""), ServerLineParser.parse("ok "));
        assertEquals(new ServerLine.Msg(""), ServerLineParser.parse("msg"));
        assertEquals(new ServerLine.Bye(""), ServerLineParser.parse("bye"));
    }

    @Test
    void textKeepsItsSpacesVerbatim() {
        assertEquals(new ServerLine.Out(1, "  a   b  "), ServerLineParser.parse("out 1   a   b  "));
        assertEquals(new ServerLine.Err(1, "x  y"), ServerLineParser.parse("err 1 x  y"));
        assertEquals(new ServerLine.Ok(" pong"), ServerLineParser.parse("ok  pong"));
        assertEquals(new ServerLine.Msg("a  b "), ServerLineParser.parse("msg a  b "));
        assertEquals(new ServerLine.Bye(" x"), ServerLineParser.parse("bye  x"));
        assertEquals(new ServerLine.Cwd("/a b"), ServerLineParser.parse("cwd /a b"));
    }

    @Test
    void parsesTheProtocolExample() {
        assertEquals(new ServerLine.Hello("rshell/1", "lab-01", List.of("password"), null),
                ServerLineParser.parse("hello rshell/1 lab-01 auth=password"));
        assertEquals(new ServerLine.Out(1, "hello, alice"), ServerLineParser.parse("out 1 hello, alice"));
        assertEquals(new ServerLine.End(2, 1), ServerLineParser.parse("end 2 1"));
        assertEquals(new ServerLine.Bg(3), ServerLineParser.parse("bg 3"));
        assertEquals(new ServerLine.Bye("goodbye"), ServerLineParser.parse("bye goodbye"));
    }

    @Test
    void helloWithUserAndEmptyMethods() {
        assertEquals(new ServerLine.Hello("rshell/1", "h", List.of("password", "certificate"), "bob"),
                ServerLineParser.parse("hello rshell/1 h auth=password,certificate user=bob"));
        // Regression: "auth=" used to give a list holding one empty method name.
        assertEquals(new ServerLine.Hello("rshell/1", "h", List.of(), null),
                ServerLineParser.parse("hello rshell/1 h auth="));
    }

    @ParameterizedTest
    @ValueSource(strings = {"progress 3 50%", "", " ", "foo", "OUT 1 x", "Ok", " out 1 x", "\tok", "outx 1 y",
            "hello", "hello rshell/1", "hello "})
    void unknownKindsAndUnreadableHellosAreUnknown(String text) {
        ServerLine line = ServerLineParser.parse(text);
        ServerLine.Unknown unknown = assertInstanceOf(ServerLine.Unknown.class, line);
        assertEquals(text, unknown.raw());
        assertEquals(text, unknown.toWire());
        int space = text.indexOf(' ');
        assertEquals(space < 0 ? text : text.substring(0, space), unknown.kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "end x 0", "end 1 256", "end 1", "end", "end 1 0 extra", "end 1 0 ", "end  1 0", "end 1  0",
        "end 1 -1", "end -1 0", "end +1 0", "end 1 +0", "end 1 99999999999", "end 99999999999999999999 0",
        "end 1 0x1", "end 1 1.0", "end \uFF11 0", "end 1 \u0660",
        "out x y", "out", "out ", "out  1 x", "out -1 x", "out +1 x", "out \uFF13 x", "out 1x y",
        "out 99999999999999999999 x", "err x", "err -5", "err",
        "bg", "bg x", "bg -3", "bg 3 4", "bg \u0663",
        "more", "more 1", "more 1 ", "more x 5", "more 1 x", "more 1 -5", "more -1 5", "more 1 5 6", "more  1 5",
        "more 1 99999999999999999999",
        "part", "part 1", "part x out y", "part -1 out y", "part 1 in y", "part 1 OUT y", "part 1  out y",
        "part 1 outx y",
        "outb", "outb x AAAA", "outb -1 AAAA", "outb 1 A", "outb 1 AAA=A", "outb 1 AA AA", "outb 1 AAAA ",
        "outb 1  AAAA", "outb 1 -_-_", "errb x", "errb 1 ====", "errb 1 é"})
    void knownKindWithBadNumbersIsUnknown(String text) {
        ServerLine.Unknown unknown = assertInstanceOf(ServerLine.Unknown.class, ServerLineParser.parse(text));
        assertEquals(text, unknown.raw());
        assertEquals(text.split(" ", -1)[0], unknown.kind());
    }

    @Test
    void version11Lines() {
        assertEquals(new ServerLine.More(1, 65536), ServerLineParser.parse("more 1 65536"));
        assertEquals(new ServerLine.Part(2, ServerLine.Stream.OUT, "Continue? "),
                ServerLineParser.parse("part 2 out Continue? "));
        assertEquals(new ServerLine.Part(2, ServerLine.Stream.ERR, ""), ServerLineParser.parse("part 2 err"));
        assertEquals(new ServerLine.Part(2, ServerLine.Stream.OUT, " "), ServerLineParser.parse("part 2 out  "));
        assertEquals(new ServerLine.OutBytes(5, new byte[] {'h', 'i', '\r', '\n'}), ServerLineParser.parse("outb 5 aGkNCg=="));
        assertEquals(new ServerLine.OutBytes(5, new byte[] {'a'}), ServerLineParser.parse("outb 5 YQ"));
        assertEquals(new ServerLine.ErrBytes(5, new byte[0]), ServerLineParser.parse("errb 5"));
        assertEquals(new ServerLine.ErrBytes(5, new byte[0]), ServerLineParser.parse("errb 5 "));
        assertEquals(new ServerLine.Hello("rshell/1.1", "lab-01", List.of("password"), null),
                ServerLineParser.parse("hello rshell/1.1 lab-01 auth=password"));
    }

    @Test
    void everyKindTheParserReadsIsInItsListOfKinds() {
        everyKind().forEach(line -> assertEquals(true, ServerLineParser.KINDS.contains(line.toWire().split(" ")[0]),
                line::toWire));
        assertEquals(14, ServerLineParser.KINDS.size());
    }

    @Test
    void leadingZerosAreStillNumbers() {
        assertEquals(new ServerLine.End(1, 0), ServerLineParser.parse("end 01 000"));
        assertEquals(new ServerLine.Out(7, "x"), ServerLineParser.parse("out 007 x"));
    }

    @Test
    void neverThrowsAndReparsesItsOwnOutput() {
        Random random = new Random(20240601L);
        String[] tokens = {"out", "err", "end", "bg", "ok", "no", "cwd", "msg", "bye", "hello", "rshell/1",
            "more", "part", "outb", "errb", "AAAA", "YQ==", "=",
            "auth=", "user=", ",", " ", " ", "  ", "0", "1", "255", "256", "-", "+", "9999999999999999999",
            "x", "\t", "\r", "é", "😀", "\uD800", "\uDC00", "\u0000", "=", "\uFF11", "\u0663"};
        for (int i = 0; i < 10_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(5) == 0) {
                    sb.append((char) random.nextInt(0x10000));
                } else {
                    sb.append(tokens[random.nextInt(tokens.length)]);
                }
            }
            String text = sb.toString();
            ServerLine line = assertDoesNotThrow(() -> ServerLineParser.parse(text), () -> "input: " + escape(text));
            assertNotNull(line, () -> "input: " + escape(text));
            boolean framingCharacters = text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0
                    || line instanceof ServerLine.Msg; // written text loses CR/LF, msg all controls
            if (!(line instanceof ServerLine.Unknown) && !framingCharacters) {
                // What the parser accepts, it can write back and read again as the same value.
                assertEquals(line, ServerLineParser.parse(line.toWire()), () -> "input: " + escape(text));
            }
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return sb.toString();
    }
}
