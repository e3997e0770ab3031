package dev.rshell.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextLinesTest {

    private final List<String> lines = new ArrayList<>();

    private TextLines assembler(int max) {
        return new TextLines(max, lines::add);
    }

    private static void feed(TextLines assembler, String text) throws InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assembler.write(bytes, 0, bytes.length);
    }

    /** Feeds one byte at a time: every boundary falls between two reads once. */
    private static void feedBytewise(TextLines assembler, byte[] bytes) throws InterruptedException {
        for (int i = 0; i < bytes.length; i++) {
            assembler.write(bytes, i, 1);
        }
    }

    @Test
    void splitsOnLfAndDropsCrBeforeIt() throws Exception {
        TextLines a = assembler(100);
        feed(a, "one\ntwo\r\n\nthree\r");
        assertEquals(List.of("one", "two", ""), lines);
        feed(a, "\nfour\rfive\n");
        a.close();
        assertEquals(List.of("one", "two", "", "three", "four\rfive"), lines);
    }

    @Test
    void finishPassesOnTheRestOnce() throws Exception {
        TextLines a = assembler(100);
        a.close();
        assertEquals(List.of(), lines);
        feed(a, "abc");
        assertEquals(3, a.pendingBytes());
        a.close();
        a.close();
        assertEquals(List.of("abc"), lines);
    }

    @Test
    void multibyteCharactersSurviveAnySplit() throws Exception {
        String text = "héllo €uro 😀 ok\nzweite Zeile ß\n";
        feedBytewise(assembler(100), text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("héllo €uro 😀 ok", "zweite Zeile ß"), lines);
    }

    @Test
    void malformedInputBecomesReplacementCharacters() throws Exception {
        TextLines a = assembler(100);
        a.write(new byte[] {'a', (byte) 0xFF, 'b', (byte) 0xE2, (byte) 0x82, '\n'}, 0, 6);
        assertEquals(List.of("a\uFFFDb\uFFFD"), lines);
    }

    @Test
    void longLinesComeInPiecesCutBetweenCharacters() throws Exception {
        String line = "ab€😀cdé".repeat(50);
        TextLines a = assembler(7);
        feedBytewise(a, (line + "\nnext\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("next", lines.get(lines.size() - 1));
        List<String> pieces = lines.subList(0, lines.size() - 1);
        for (String piece : pieces) {
            int bytes = piece.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes > 0 && bytes <= 7, piece);
            assertTrue(!piece.contains("\uFFFD"), piece);
        }
        assertEquals(line, String.join("", pieces));
    }

    @Test
    void lineOfExactlyMaxBytesIsOnePieceWithLfOrCrLf() throws Exception {
        TextLines a = assembler(4);
        feed(a, "abcd\n");
        feedBytewise(a, "efgh\r\n".getBytes(StandardCharsets.UTF_8));
        feed(a, "ijklm\r\n");
        feed(a, "nopq\rr\n");
        assertEquals(List.of("abcd", "efgh", "ijkl", "m", "nopq", "\rr"), lines);
    }

    @Test
    void boundedWhateverComes() throws Exception {
        Random random = new Random(42);
        TextLines a = assembler(16);
        byte[] chunk = new byte[1000];
        for (int round = 0; round < 2000; round++) {
            random.nextBytes(chunk);
            int length = random.nextInt(chunk.length + 1);
            a.write(chunk, 0, length);
            assertTrue(a.pendingBytes() <= 17);
        }
        a.close();
        assertTrue(lines.size() > 1000);
    }

    @Test
    void validTextRoundTripsInRandomChunks() throws Exception {
        Random random = new Random(7);
        String[] alphabet = {"a", "b", " ", "é", "€", "😀", "\n", "\r\n", "\r"};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        TextLines a = assembler(1 << 20);
        for (int i = 0; i < bytes.length; ) {
            int n = Math.min(bytes.length - i, 1 + random.nextInt(9));
            a.write(bytes, i, n);
            i += n;
        }
        a.close();
        String expected = text.toString().replace("\r\n", "\n");
        if (expected.endsWith("\n")) {
            expected = expected.substring(0, expected.length() - 1);
        }
        assertEquals(expected, String.join("\n", lines));
    }

    @Test
    void utf8CutKeepsWholeCharacters() {
        byte[] euro = "x€".getBytes(StandardCharsets.UTF_8); // x E2 82 AC
        assertEquals(4, TextLines.utf8Cut(euro, 4));
        assertEquals(1, TextLines.utf8Cut(euro, 3));
        assertEquals(1, TextLines.utf8Cut(euro, 2));
        assertEquals(1, TextLines.utf8Cut(euro, 1));
    }

    @Test
    void tooSmallLimitIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assembler(3));
        assertTrue(e.getMessage().contains("maxLineBytes"));
    }
}
