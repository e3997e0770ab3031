package dev.rshell.common.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LineWriterTest {

    /** Records what reached it and how often it was flushed. */
    static final class RecordingStream extends ByteArrayOutputStream {
        int flushes;
        boolean closed;

        @Override
        public synchronized void flush() {
            flushes++;
        }

        @Override
        public void close() {
            closed = true;
        }

        /** True when nothing, or only whole lines, reached the stream. */
        synchronized boolean endsOnALineBoundary() {
            return count == 0 || buf[count - 1] == '\n';
        }

        synchronized String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesWholeLinesWithLfAppendedOnFlush() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.write("out 1 hello, alice");
        writer.write("");
        writer.write("end 1 0");
        assertEquals("", out.text(), "buffered until flush");
        assertEquals(0, out.flushes);
        writer.flush();
        assertEquals("out 1 hello, alice\n\nend 1 0\n", out.text());
        assertEquals(1, out.flushes, "flush reaches the stream");
    }

    @Test
    void flushWithNothingBufferedStillFlushesTheStream() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.flush();
        writer.flush();
        assertEquals("", out.text());
        assertEquals(2, out.flushes);
    }

    @Test
    void flushDoesNotRepeatLines() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.write("a");
        writer.flush();
        writer.write("b");
        writer.flush();
        writer.flush();
        assertEquals("a\nb\n", out.text());
    }

    @Test
    void encodesUtf8() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.write("out 2 ä € 😀 日本");
        writer.flush();
        assertArrayEquals("out 2 ä € 😀 日本\n".getBytes(StandardCharsets.UTF_8), out.toByteArray());
    }

    @Test
    void rejectsTextWithLfAndWritesNothingOfIt() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.write("before");
        assertThrows(IllegalArgumentException.class, () -> writer.write("two\nlines"));
        assertThrows(IllegalArgumentException.class, () -> writer.write("\n"));
        assertThrows(IllegalArgumentException.class, () -> writer.write("trailing\n"));
        writer.write("after");
        writer.flush();
        assertEquals("before\nafter\n", out.text());
    }

    @Test
    void linesLongerThanTheBufferAreWrittenWhole() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        String big = "é".repeat(150_000);
        writer.write("small");
        writer.write(big);
        writer.write("x".repeat(5000));
        writer.flush();
        assertEquals("small\n" + big + "\n" + "x".repeat(5000) + "\n", out.text());
    }

    @Test
    void bufferedBytesStayBoundedAndReachTheStreamAsWholeLines() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        String line = "out 7 " + "z".repeat(94);
        int lines = 5000; // 500 KB, never flushed by the caller
        for (int i = 0; i < lines; i++) {
            writer.write(line);
            assertTrue(out.endsOnALineBoundary(), "a partial line reached the stream");
            assertTrue((long) (i + 1) * (line.length() + 1) - out.size() <= 64 * 1024 + line.length() + 1,
                    "more than 64 KiB buffered after line " + i);
        }
        writer.flush();
        assertEquals((line + "\n").repeat(lines), out.text());
    }

    @Test
    void closeClosesTheStream() throws IOException {
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        writer.close();
        assertTrue(out.closed);
    }

    @Test
    void concurrentWritersNeverInterleaveCharactersWithinALine() throws Exception {
        int threads = 8;
        int perThread = 2000;
        RecordingStream out = new RecordingStream();
        LineWriter writer = new LineWriter(out);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        writer.write("out " + thread + " " + i + " " + payload(thread, i));
                        if (i % 97 == 0) {
                            writer.flush();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        writer.flush();

        String text = out.text();
        assertTrue(text.endsWith("\n"));
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        assertEquals(threads * perThread, lines.length);
        Pattern shape = Pattern.compile("out (\\d+) (\\d+) (.*)");
        int[] next = new int[threads];
        for (String line : lines) {
            Matcher m = shape.matcher(line);
            assertTrue(m.matches(), "mangled line: " + line);
            int thread = Integer.parseInt(m.group(1));
            int i = Integer.parseInt(m.group(2));
            assertEquals(next[thread], i, "thread " + thread + "'s lines out of order or lost");
            assertEquals(payload(thread, i), m.group(3), "mangled payload in: " + line);
            next[thread]++;
        }
        for (int t = 0; t < threads; t++) {
            assertEquals(perThread, next[t], "lines of thread " + t);
        }
    }

    /** A payload whose every character says which thread wrote it; lengths vary, some multi-byte. */
    private static String payload(int thread, int i) {
        String[] wide = {"ä", "€", "😀", "日"};
        String c = (thread % 2 == 0 ? String.valueOf((char) ('a' + thread)) : wide[thread / 2 % wide.length]) + thread;
        return c.repeat(1 + (i * 7 + thread) % 120);
    }
}
