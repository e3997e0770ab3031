package dev.rshell.client.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.ClientLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Standard input as {@code :in}/{@code :in-} lines, for a server that takes no bytes. */
class TextInputTest {

    private static List<ClientLine.ToInput> feed(TextInput text, byte[]... reads) {
        List<ClientLine.ToInput> lines = new ArrayList<>();
        for (byte[] read : reads) {
            lines.addAll(text.encode(read, 0, read.length));
        }
        lines.addAll(text.finish());
        return lines;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ClientLine.Input in(String text) {
        return new ClientLine.Input(7, text);
    }

    private static ClientLine.PartialInput part(String text) {
        return new ClientLine.PartialInput(7, text);
    }

    @Test
    void eachLineIsAnInAndTheRestOfAReadAnInDash() {
        TextInput text = new TextInput(7);
        assertEquals(List.of(in("pear"), in("apple"), part("kiw"), in("i"), part("tail")),
                feed(text, utf8("pear\napple\nkiw"), utf8("i\n"), utf8("tail")));
        assertFalse(text.changed(), "plain text arrives as it was");
    }

    @Test
    void aCharacterSplitBetweenReadsArrivesWhole() {
        byte[] euro = utf8("€\n"); // E2 82 AC 0A
        TextInput text = new TextInput(7);
        assertEquals(List.of(in("€")), feed(text, new byte[] {euro[0]}, new byte[] {euro[1], euro[2], euro[3]}));
        assertFalse(text.changed());
    }

    @Test
    void aCrBeforeLfIsDroppedAndSaidSoALoneCrStays() {
        TextInput text = new TextInput(7);
        assertEquals(List.of(in("a\rb"), part("c"), in("")), feed(text, utf8("a\rb\nc\r"), utf8("\n")));
        assertTrue(text.changed(), "the CR before LF could not be sent");
    }

    @Test
    void aPieceNeverEndsInCrThatCrWaitsForWhatFollows() {
        TextInput text = new TextInput(7);
        assertEquals(List.of(part("x"), part("\ry")), feed(text, utf8("x\r"), utf8("y")));
        assertFalse(text.changed());
    }

    @Test
    void invalidUtf8BecomesTheReplacementCharacterAndIsSaidSo() {
        TextInput text = new TextInput(7);
        assertEquals(List.of(in("a\uFFFDb"), part("\uFFFD")),
                feed(text, new byte[] {'a', (byte) 0xFF, 'b', '\n', (byte) 0xE2}));
        assertTrue(text.changed());
    }

    @Test
    void aLongLineGoesInPiecesThatFitALineAndNeverSplitAPair() {
        String pair = "\uD83D\uDE00"; // one code point, two chars
        String line = "a".repeat(TextInput.TEXT_PIECE - 1) + pair + "b".repeat(10);
        TextInput text = new TextInput(7);
        List<ClientLine.ToInput> lines = feed(text, utf8(line + "\n"));
        assertEquals(List.of(part("a".repeat(TextInput.TEXT_PIECE - 1)), in(pair + "b".repeat(10))), lines);
        for (ClientLine.ToInput l : lines) {
            assertTrue(l.toWire().length() < 64 * 1024);
        }
    }

    @Test
    void everyLineCostsWhatTheServerCounts() {
        TextInput text = new TextInput(7);
        long cost = 0;
        for (ClientLine.ToInput l : feed(text, utf8("é\nxy"))) {
            cost += l.windowBytes();
        }
        assertEquals(utf8("é\nxy").length, cost);
    }
}
