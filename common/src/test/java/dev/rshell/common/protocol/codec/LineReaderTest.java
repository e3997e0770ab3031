package dev.rshell.common.protocol.codec;

import static dev.rshell.common.protocol.codec.TestStreams.concat;
import static dev.rshell.common.protocol.codec.TestStreams.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LineReaderTest {

    private static final int MIB = 1024 * 1024;

    /** The same bytes delivered whole, one byte per read, and in random chunks. */
    static Stream<Arguments> deliveries() {
        return Stream.of(
                Arguments.of("whole", (Function<byte[], InputStream>) ByteArrayInputStream::new),
                Arguments.of("one byte per read", (Function<byte[], InputStream>) TestStreams::oneByteAtATime),
                Arguments.of("random chunks", (Function<byte[], InputStream>) b -> TestStreams.randomChunks(b, 7, 5)));
    }

    private static List<LineReader.Line> readAll(InputStream in, int maxLine) throws IOException {
        LineReader reader = new LineReader(in, maxLine);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line l = reader.readLine(); l != null; l = reader.readLine()) {
            lines.add(l);
        }
        return lines;
    }

    private static List<String> texts(List<LineReader.Line> lines) {
        List<String> out = new ArrayList<>();
        for (LineReader.Line l : lines) {
            out.add(l.isTooLong() ? "<too long " + l.bytes() + ">" : l.text());
        }
        return out;
    }

    private static LineReader.Line text(String text, long bytes) {
        return new LineReader.Line(text, bytes);
    }

    private static LineReader.Line tooLong(long bytes) {
        return new LineReader.Line(null, bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void splitsOnLf(String name, Function<byte[], InputStream> delivery) throws IOException {
        List<LineReader.Line> lines = readAll(delivery.apply(utf8("a\nbc\n\nd e \n")), 100);
        assertEquals(List.of(text("a", 1), text("bc", 2), text("", 0), text("d e ", 4)), lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void dropsOnlyTheCrRightBeforeLf(String name, Function<byte[], InputStream> delivery) throws IOException {
        List<LineReader.Line> lines = readAll(delivery.apply(utf8("a\r\nb\rc\n\r\n\r\r\nx\r\r\n\rlead\n")), 100);
        assertEquals(List.of("a", "b\rc", "", "\r", "x\r", "\rlead"), texts(lines));
        assertEquals(List.of(1L, 3L, 0L, 1L, 2L, 5L), lines.stream().map(LineReader.Line::bytes).toList());
    }

    @Test
    void emptyLinesAreLinesOfZeroBytes() throws IOException {
        List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8("\n\n\r\n")), 1);
        assertEquals(List.of(text("", 0), text("", 0), text("", 0)), lines);
        assertFalse(lines.get(0).isTooLong());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void invalidUtf8DecodesAsReplacementCharacter(String name, Function<byte[], InputStream> delivery)
            throws IOException {
        byte[] data = concat(
                new byte[] {'a', (byte) 0xFF, 'b', '\n'},                 // a byte that never starts UTF-8
                new byte[] {(byte) 0xC0, (byte) 0xAF, '\n'},              // overlong '/'
                new byte[] {'x', (byte) 0xE2, (byte) 0x82, '\n'},         // truncated euro sign
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, '\n'}, // encoded surrogate
                utf8("ok\n"));
        List<LineReader.Line> lines = readAll(delivery.apply(data), 100);
        assertEquals(5, lines.size());
        assertEquals("a\uFFFDb", lines.get(0).text());
        assertEquals(3, lines.get(0).bytes(), "bytes counts the raw bytes, not the decoded chars");
        assertTrue(lines.get(1).text().matches("\uFFFD+"), lines.get(1).text());
        assertTrue(lines.get(2).text().matches("x\uFFFD+"), lines.get(2).text());
        assertTrue(lines.get(3).text().matches("\uFFFD+"), lines.get(3).text());
        assertEquals("ok", lines.get(4).text(), "an invalid line does not spoil the next one");
    }

    @Test
    void multiByteCharactersSplitAcrossOneByteReads() throws IOException {
        String text = "héllo wörld € 😀 日本語 ok";
        List<LineReader.Line> lines = readAll(TestStreams.oneByteAtATime(utf8(text + "\r\n" + text + "\n")), 1000);
        assertEquals(List.of(text, text), texts(lines));
        assertEquals(utf8(text).length, lines.get(0).bytes());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void randomChunkSizesGiveTheSameLinesAsWholeDelivery(long seed) throws IOException {
        Random random = new Random(seed);
        String[] pieces = {"a", "é", "€", "😀", " ", "\t", "\r", "x", "日", "#", ":"};
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder line = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                line.append(pieces[random.nextInt(pieces.length)]);
            }
            boolean crlf = random.nextBoolean();
            data.writeBytes(utf8(line + (crlf ? "\r\n" : "\n")));
            // One CR right before the LF is dropped: a generated line ending in CR loses it
            // when no CR LF follows.
            String kept = !crlf && line.length() > 0 && line.charAt(line.length() - 1) == '\r'
                    ? line.substring(0, line.length() - 1) : line.toString();
            expected.add(kept);
        }
        byte[] bytes = data.toByteArray();
        for (int maxChunk : new int[] {1, 3, 7, 64, 5000}) {
            List<LineReader.Line> lines = readAll(TestStreams.randomChunks(bytes, seed * 31 + maxChunk, maxChunk), 1000);
            assertEquals(expected.size(), lines.size(), "max chunk " + maxChunk);
            for (int i = 0; i < lines.size(); i++) {
                assertEquals(expected.get(i), lines.get(i).text(), "max chunk " + maxChunk + ", line " + i);
                assertEquals(utf8(lines.get(i).text()).length, lines.get(i).bytes(), "line " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void lineOfExactlyMaxLineBytesIsKept(String name, Function<byte[], InputStream> delivery) throws IOException {
        List<LineReader.Line> lines = readAll(delivery.apply(utf8("0123456789\n")), 10);
        assertEquals(List.of(text("0123456789", 10)), lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void lineOfMaxLinePlusOneBytesIsTooLong(String name, Function<byte[], InputStream> delivery) throws IOException {
        List<LineReader.Line> lines = readAll(delivery.apply(utf8("0123456789A\nnext\n")), 10);
        assertEquals(List.of(tooLong(11), text("next", 4)), lines);
        assertTrue(lines.get(0).isTooLong());
        assertNull(lines.get(0).text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void multiByteLineAtTheLimitCountsBytesNotChars(String name, Function<byte[], InputStream> delivery)
            throws IOException {
        // "€€€" is 9 bytes: kept at maxLine 9, too long at maxLine 8.
        assertEquals(List.of(text("€€€", 9)), readAll(delivery.apply(utf8("€€€\n")), 9));
        assertEquals(List.of(tooLong(9)), readAll(delivery.apply(utf8("€€€\n")), 8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void crBeforeLfDoesNotCountTowardsTheLimit(String name, Function<byte[], InputStream> delivery)
            throws IOException {
        List<LineReader.Line> lines = readAll(delivery.apply(utf8("0123456789\r\nafter\n")), 10);
        assertEquals(List.of(text("0123456789", 10), text("after", 5)), lines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void tooLongLineEndingInCrLfCountsNeitherCrNorLf(String name, Function<byte[], InputStream> delivery)
            throws IOException {
        // Regression: the CR of a discarded line used to be counted in its bytes.
        assertEquals(List.of(tooLong(11), text("a", 1)),
                readAll(delivery.apply(utf8("0123456789A\r\na\n")), 10));
        assertEquals(List.of(tooLong(50), text("b", 1)),
                readAll(delivery.apply(utf8("x".repeat(50) + "\r\nb\n")), 10));
        // A CR inside a discarded line is counted, like any byte.
        assertEquals(List.of(tooLong(52)), readAll(delivery.apply(utf8("x".repeat(50) + "\ry\n")), 10));
        assertEquals(List.of(tooLong(51)), readAll(delivery.apply(utf8("x".repeat(50) + "\r\r\n")), 10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void manyLinesAroundTheLimitInARow(String name, Function<byte[], InputStream> delivery) throws IOException {
        String data = "aaaa\n" + "bbbbbb\n" + "ccccc\n" + "dddddd\r\n" + "\n" + "eeeee\r\n" + "ffffff\r\n";
        List<LineReader.Line> lines = readAll(delivery.apply(utf8(data)), 5);
        assertEquals(List.of("aaaa", "<too long 6>", "ccccc", "<too long 6>", "", "eeeee", "<too long 6>"), texts(lines));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void hundredMebibyteLineIsDiscardedAsItStreamsAndTheNextLineReads() throws IOException {
        long size = 100L * MIB;
        LineReader reader = new LineReader(TestStreams.generated((byte) 'x', size, utf8("\nnext line\n")), 65536);
        long start = System.nanoTime();
        LineReader.Line line = reader.readLine();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertNotNull(line);
        assertTrue(line.isTooLong());
        assertEquals(size, line.bytes());
        assertEquals(text("next line", 9), reader.readLine());
        assertNull(reader.readLine());
        assertFalse(reader.hasBufferedBytes());
        assertTrue(millis < 30_000, "100 MiB took " + millis + " ms");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lineLongerThanAnyArrayIsCountedInALong() throws IOException {
        // 3 GiB cannot be held by a byte[]: passing proves the bytes are never kept, and the
        // count must not wrap around at 2^31.
        long size = 3L << 30;
        LineReader reader = new LineReader(TestStreams.generated((byte) 'y', size, utf8("\r\nok\n")), 1024);
        LineReader.Line line = reader.readLine();
        assertTrue(line.isTooLong());
        assertEquals(size, line.bytes());
        assertEquals("ok", reader.readLine().text());
    }

    @Test
    void bytesAfterTheLastLfAreDiscardedAtEof() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("one\ntwo without newline")), 100);
        assertEquals("one", reader.readLine().text());
        assertNull(reader.readLine());
        assertFalse(reader.hasBufferedBytes());
        assertNull(reader.readLine(), "end of stream stays end of stream");
    }

    @Test
    void partialTooLongLineAtEofIsDiscarded() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(utf8("ok\n" + "z".repeat(100))), 10);
        assertEquals("ok", reader.readLine().text());
        assertNull(reader.readLine());
        assertFalse(reader.hasBufferedBytes());
    }

    @Test
    void emptyStreamIsEofAtOnce() throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(new byte[0]), 10);
        assertFalse(reader.hasBufferedBytes());
        assertNull(reader.readLine());
    }

    @Test
    void hasBufferedBytesWhileReceivedBytesAreNotYetReturned() throws IOException {
        LineReader reader = new LineReader(new TestStreams.Scripted(utf8("a\nb\n"), utf8("c\n")), 100);
        assertFalse(reader.hasBufferedBytes(), "nothing read yet");
        assertEquals("a", reader.readLine().text());
        assertTrue(reader.hasBufferedBytes(), "b arrived in the same read");
        assertEquals("b", reader.readLine().text());
        assertFalse(reader.hasBufferedBytes(), "the chunk ended with b's LF");
        assertEquals("c", reader.readLine().text());
        assertFalse(reader.hasBufferedBytes());
    }

    @Test
    void readTimeoutMidLineKeepsThePartialLine() throws IOException {
        TestStreams.Scripted in = new TestStreams.Scripted(
                utf8("done\npar"), new SocketTimeoutException("idle"), utf8("tial €"),
                new byte[] {(byte) 0xE2, (byte) 0x82}, new SocketTimeoutException("idle"),
                new byte[] {(byte) 0xAC, '\r'}, new SocketTimeoutException("idle"), utf8("\n"));
        LineReader reader = new LineReader(in, 100);
        assertEquals("done", reader.readLine().text());
        assertThrows(SocketTimeoutException.class, reader::readLine);
        assertTrue(reader.hasBufferedBytes(), "mid-line after a timeout");
        assertThrows(SocketTimeoutException.class, reader::readLine);
        assertTrue(reader.hasBufferedBytes());
        assertThrows(SocketTimeoutException.class, reader::readLine);
        assertEquals(text("partial €€", 14), reader.readLine());
        assertFalse(reader.hasBufferedBytes());
        assertNull(reader.readLine());
    }

    @Test
    void readTimeoutWhileDiscardingKeepsTheCount() throws IOException {
        TestStreams.Scripted in = new TestStreams.Scripted(
                utf8("x".repeat(30)), new SocketTimeoutException("idle"), utf8("x".repeat(30) + "\r"),
                new SocketTimeoutException("idle"), utf8("\nshort\n"));
        LineReader reader = new LineReader(in, 40);
        assertThrows(SocketTimeoutException.class, reader::readLine);
        assertTrue(reader.hasBufferedBytes());
        assertThrows(SocketTimeoutException.class, reader::readLine);
        assertTrue(reader.hasBufferedBytes(), "a discarded line in progress is still mid-line");
        assertEquals(tooLong(60), reader.readLine());
        assertEquals(text("short", 5), reader.readLine());
    }

    @Test
    void trimMidLineLosesNothing() throws IOException {
        String head = "h".repeat(3000);
        TestStreams.Scripted in = new TestStreams.Scripted(
                utf8("w".repeat(5000) + "\n"), utf8(head), new SocketTimeoutException("idle"), utf8("tail\n"));
        LineReader reader = new LineReader(in, 10_000);
        assertEquals(5000, reader.readLine().bytes());
        reader.trim(); // idle between lines: may drop the grown buffer
        assertThrows(SocketTimeoutException.class, reader::readLine);
        reader.trim(); // mid-line: must keep the partial line
        assertEquals(head + "tail", reader.readLine().text());
        reader.trim();
        assertNull(reader.readLine());
    }

    /** Counts the reads of each size, and whether any asked for more than one byte. */
    private static final class CountingStream extends InputStream {
        private final InputStream in;
        int singleByteReads;
        int bulkReads;

        CountingStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            singleByteReads++;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            bulkReads++;
            return in.read(b, off, len);
        }
    }

    @Test
    void aReaderWithoutBuffersWaitsForOneByteBeforeItAllocates() throws IOException {
        CountingStream in = new CountingStream(new TestStreams.Scripted(utf8("one\ntw"), utf8("o\nthree\n")));
        LineReader reader = new LineReader(in, 100);
        assertEquals("one", reader.readLine().text());
        assertEquals(1, in.singleByteReads, "the first read is of one byte");
        assertEquals(1, in.bulkReads, "then the rest of what arrived");
        reader.release(); // mid-line ("tw" is buffered): nothing may be dropped
        assertEquals("two", reader.readLine().text());
        assertEquals("three", reader.readLine().text());
        assertEquals(1, in.singleByteReads, "no release took effect, so no more single-byte reads");
        reader.release(); // between lines: the buffers go
        assertFalse(reader.hasBufferedBytes());
        assertNull(reader.readLine());
        assertEquals(2, in.singleByteReads, "after a release the reader waits for one byte again");
    }

    @Test
    void releaseBetweenLinesKeepsEveryByte() throws IOException {
        TestStreams.Scripted in = new TestStreams.Scripted(utf8("a\n"), utf8("\n"), utf8("b"), utf8("c\nd\n"));
        LineReader reader = new LineReader(in, 100);
        List<String> lines = new ArrayList<>();
        for (LineReader.Line l = reader.readLine(); l != null; l = reader.readLine()) {
            lines.add(l.text());
            reader.release();
        }
        assertEquals(List.of("a", "", "bc", "d"), lines);
    }

    @Test
    void textLineBytesEqualItsUtf8Length() throws IOException {
        List<String> samples = List.of("", "a", "ä", "€uro", "😀😀", "mixed ascii and 日本語 and \t tabs", "\r inside");
        StringBuilder data = new StringBuilder();
        for (String s : samples) {
            data.append(s).append('\n');
        }
        List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8(data.toString())), 1000);
        assertEquals(samples, texts(lines));
        for (LineReader.Line l : lines) {
            assertEquals(l.text().getBytes(StandardCharsets.UTF_8).length, l.bytes(), l.text());
        }
    }

    @Test
    void rejectsNonPositiveMaxLine() {
        InputStream in = new ByteArrayInputStream(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> new LineReader(in, 0));
        assertThrows(IllegalArgumentException.class, () -> new LineReader(in, -1));
    }

    @Test
    void maxLineOfOneByte() throws IOException {
        List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8("a\nab\na\r\n\n")), 1);
        assertEquals(List.of("a", "<too long 2>", "a", ""), texts(lines));
    }

    @Test
    void hugeMaxLineDoesNotOverflow() throws IOException {
        // Regression: maxLine + 1 overflowed to a negative int and every line was "too long".
        List<LineReader.Line> lines = readAll(new ByteArrayInputStream(utf8("abc\nde\r\n")), Integer.MAX_VALUE);
        assertEquals(List.of(text("abc", 3), text("de", 2)), lines);
    }

    @Test
    void neverClosesTheStream() throws IOException {
        TestStreams.Scripted in = new TestStreams.Scripted(utf8("a\n"));
        LineReader reader = new LineReader(in, 10);
        reader.readLine();
        reader.readLine();
        assertFalse(in.closed);
    }
}
