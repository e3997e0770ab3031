package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the server reads the client lines of protocol version 1.1. */
class ClientLineV11Test {

    @Test
    void featuresAreTheBlankSeparatedNamesInOrder() {
        assertEquals(new ClientLine.Features(List.of("input", "partial")), ClientLine.classify(":features input partial"));
        assertEquals(new ClientLine.Features(List.of("bytes", "x-new", "input")),
                ClientLine.classify(":features  bytes\tx-new   input  "));
        assertEquals(new ClientLine.Features(List.of()), ClientLine.classify(":features"));
        assertEquals(new ClientLine.Features(List.of()), ClientLine.classify(":features   "));
        assertEquals(new ClientLine.Features(List.of("Input")), ClientLine.classify(":features Input"));
    }

    @Test
    void stdinKeepsTheCommandLineVerbatim() {
        assertEquals(new ClientLine.StdinCommand("sort"), ClientLine.classify(":stdin sort"));
        assertEquals(new ClientLine.StdinCommand("sh -c 'read a; echo \"$a\"'  &"),
                ClientLine.classify(":stdin sh -c 'read a; echo \"$a\"'  &"));
        assertEquals(new ClientLine.StdinCommand("  cat  "), ClientLine.classify(":stdin   cat  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {":stdin", ":stdin ", ":stdin    ", ":stdin \t", ":stdin # only a comment"})
    void stdinWithoutACommandIsUsage(String text) {
        assertEquals(new ClientLine.BadControl("usage: :stdin COMMAND LINE"), ClientLine.classify(text));
    }

    @Test
    void inTakesEverythingAfterTheSpaceAfterNVerbatim() {
        assertEquals(new ClientLine.Input(1, "pear"), ClientLine.classify(":in 1 pear"));
        assertEquals(new ClientLine.Input(2, "  lead, inner  and trail  "),
                ClientLine.classify(":in 2   lead, inner  and trail  "));
        assertEquals(new ClientLine.Input(3, "\t#not a comment"), ClientLine.classify(":in 3 \t#not a comment"));
        assertEquals(new ClientLine.Input(4, ":in 4 x"), ClientLine.classify(":in 4 :in 4 x"));
        assertEquals(new ClientLine.Input(5, "grüße 😀"), ClientLine.classify(":in 5 grüße 😀"));
        assertEquals(new ClientLine.Input(12345678901L, "x"), ClientLine.classify(":in 12345678901 x"));
    }

    @Test
    void anEmptyTextIsAnEmptyLineWithOrWithoutTheSpace() {
        assertEquals(new ClientLine.Input(3, ""), ClientLine.classify(":in 3 "));
        assertEquals(new ClientLine.Input(3, ""), ClientLine.classify(":in 3"));
        assertEquals(new ClientLine.Input(3, " "), ClientLine.classify(":in 3  "));
        assertEquals(new ClientLine.PartialInput(3, ""), ClientLine.classify(":in- 3"));
        assertEquals(new ClientLine.PartialInput(3, ""), ClientLine.classify(":in- 3 "));
    }

    @Test
    void partialInputIsReadAsInput() {
        assertEquals(new ClientLine.PartialInput(7, "Continue? y"), ClientLine.classify(":in- 7 Continue? y"));
        assertEquals(new ClientLine.PartialInput(7, " "), ClientLine.classify(":in- 7  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {":in", ":in ", ":in x y", ":in 0 y", ":in -1 y", ":in +1 y", ":in  1 y", ":in 1x y",
        ":in \uFF11 y", ":in \u0663 y", ":in 99999999999999999999 y", ":in 1.5 y", ":in 1\ty"})
    void inWithABadNumberIsUsage(String text) {
        assertEquals(new ClientLine.BadControl("usage: :in N TEXT (N a command number)"), ClientLine.classify(text));
        String partial = text.replaceFirst(":in", ":in-");
        assertEquals(new ClientLine.BadControl("usage: :in- N TEXT (N a command number)"), ClientLine.classify(partial));
    }

    @Test
    void eof() {
        assertEquals(new ClientLine.EndOfInput(1), ClientLine.classify(":eof 1"));
        assertEquals(new ClientLine.EndOfInput(42), ClientLine.classify(":eof 42 "));
        assertEquals(new ClientLine.EndOfInput(42), ClientLine.classify(":eof  42\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":eof", ":eof ", ":eof x", ":eof 0", ":eof -2", ":eof 1 2", ":eof +1", ":eof \uFF11"})
    void eofWithoutAGoodNumberIsUsage(String text) {
        assertEquals(new ClientLine.BadControl("usage: :eof N (N a command number)"), ClientLine.classify(text));
    }

    @Test
    void inbDecodesBase64() {
        ClientLine.InputBytes line = assertInstanceOf(ClientLine.InputBytes.class, ClientLine.classify(":inb 2 AAH/"));
        assertEquals(2, line.command());
        assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, line.bytes());
        assertEquals(new ClientLine.InputBytes(2, "hi\r\n".getBytes(StandardCharsets.US_ASCII)),
                ClientLine.classify(":inb 2 aGkNCg=="));
        assertEquals(new ClientLine.InputBytes(2, "a".getBytes(StandardCharsets.US_ASCII)),
                ClientLine.classify(":inb 2 YQ"), "padding is optional");
        assertEquals(new ClientLine.InputBytes(2, "a".getBytes(StandardCharsets.US_ASCII)),
                ClientLine.classify(":inb 2  YQ== \t"), "blanks around the data are ignored");
        assertEquals(new ClientLine.InputBytes(9, new byte[0]), ClientLine.classify(":inb 9 "));
        assertEquals(new ClientLine.InputBytes(9, new byte[0]), ClientLine.classify(":inb 9"));
    }

    @ParameterizedTest
    @ValueSource(strings = {":inb 1 a", ":inb 1 YQ=", ":inb 1 YQ===", ":inb 1 Y Q==", ":inb 1 YQ==YQ==x", ":inb 1 ****",
        ":inb 1 YQ-_", ":inb 1 é", ":inb 1 YW\nJj"})
    void inbWithDataThatIsNotBase64SaysSo(String text) {
        assertEquals(new ClientLine.BadControl("bad :inb: the data is not base64 (RFC 4648)"), ClientLine.classify(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {":inb", ":inb ", ":inb x YQ==", ":inb 0 YQ==", ":inb -1 YQ==", ":inb  1 YQ=="})
    void inbWithABadNumberIsUsage(String text) {
        assertEquals(new ClientLine.BadControl("usage: :inb N BASE64 (N a command number)"), ClientLine.classify(text));
    }

    @Test
    void wordsThatOnlyLookLikeTheNewOnesAreUnknown() {
        assertEquals(new ClientLine.BadControl("unknown control line: :inx"), ClientLine.classify(":inx 1 a"));
        assertEquals(new ClientLine.BadControl("unknown control line: :in1"), ClientLine.classify(":in1 a"));
        assertEquals(new ClientLine.BadControl("unknown control line: :Features"), ClientLine.classify(":Features input"));
        assertEquals(new ClientLine.BadControl("unknown control line: :stdin\tsort"), ClientLine.classify(":stdin\tsort"));
        assertEquals(new ClientLine.CommandText(" :in 1 a"), ClientLine.classify(" :in 1 a"));
    }

    @Test
    void inputToStringHidesTheText() {
        for (ClientLine line : List.of(ClientLine.classify(":in 3 s3cret"), ClientLine.classify(":in- 3 s3cret"),
                ClientLine.classify(":inb 3 czNjcmV0"))) {
            String shown = line.toString();
            assertFalse(shown.contains("s3cret"), shown);
            assertFalse(shown.contains("czNjcmV0"), shown);
            assertTrue(shown.contains("3"), shown);
        }
    }

    @Test
    void windowBytesCountUtf8PlusTheLineFeed() {
        assertEquals(5, new ClientLine.Input(1, "pear").windowBytes());
        assertEquals(1, new ClientLine.Input(1, "").windowBytes());
        assertEquals(4, new ClientLine.PartialInput(1, "pear").windowBytes());
        assertEquals(0, new ClientLine.EndOfInput(1).windowBytes());
        assertEquals(3, new ClientLine.InputBytes(1, new byte[3]).windowBytes());
        for (String text : new String[] {"grüße", "日本", "😀x", "a\u00e9\u0800\uffff", "lone \uD800 and \uDC00"}) {
            long utf8 = text.getBytes(StandardCharsets.UTF_8).length;
            assertEquals(utf8 + 1, new ClientLine.Input(1, text).windowBytes(), text);
            assertEquals(utf8, new ClientLine.PartialInput(1, text).windowBytes(), text);
        }
    }

    @Test
    void inputBytesAreCopiedAndComparedByContent() {
        byte[] data = {1, 2, 3};
        ClientLine.InputBytes line = new ClientLine.InputBytes(1, data);
        data[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, line.bytes(), "the record keeps its own copy");
        line.bytes()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, line.bytes(), "bytes() hands out a copy");
        assertEquals(new ClientLine.InputBytes(1, new byte[] {1, 2, 3}), line);
        assertEquals(new ClientLine.InputBytes(1, new byte[] {1, 2, 3}).hashCode(), line.hashCode());
        assertNotEquals(new ClientLine.InputBytes(2, new byte[] {1, 2, 3}), line);
        assertNotEquals(new ClientLine.InputBytes(1, new byte[] {1, 2}), line);
        assertEquals(3, line.size());
    }

    @Test
    void featuresOfTheEnumGoOutByTheirWireNames() {
        assertEquals(":features input partial bytes",
                ClientLine.Features.of(Feature.INPUT, Feature.PARTIAL, Feature.BYTES).toWire());
        assertEquals(java.util.EnumSet.of(Feature.INPUT, Feature.BYTES), Feature.parse("bytes zzz input"));
        assertEquals(java.util.EnumSet.noneOf(Feature.class), Feature.parse(""));
        assertEquals(java.util.Optional.empty(), Feature.named("INPUT"));
    }
}
