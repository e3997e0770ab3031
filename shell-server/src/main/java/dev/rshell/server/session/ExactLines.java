package dev.rshell.server.session;

import dev.rshell.server.command.ByteSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Frames one output stream byte for byte (the {@code bytes} feature): a line that is clean
 * text (valid UTF-8, no CR, no NUL, at most {@code max-line} bytes) and ends with LF goes as a
 * text line, whose LF the client adds back; everything else (binary data, CR LF text, an
 * over-long line, the end of a stream without LF) goes as raw pieces ({@code outb}/{@code errb}).
 * In the order given, text lines plus LF and raw pieces are exactly the bytes written.
 *
 * <p>Memory is bounded: the line being assembled holds at most {@code max-line} bytes (a longer
 * one is passed on raw as it comes), and raw bytes are passed on at the end of each write, or
 * sooner in pieces of {@link #RAW_PIECE} bytes.
 *
 * <p>With live prompts, {@link #quiet()} passes on the start of a line held so far: as a
 * {@code part} when it is clean text, else raw; either way it is not sent again.
 *
 * <p>Thread safety: not thread-safe; one instance per stream, used by one thread at a time.
 */
final class ExactLines implements ByteSink {

    /** Where the framed output goes. */
    interface Target {
        /** A clean text line, without its LF. */
        void text(String line) throws InterruptedException;

        /** Raw bytes, to be passed on unchanged. */
        void raw(byte[] bytes, int offset, int length) throws InterruptedException;

        /** The start of a line, shown as a live prompt. */
        void part(String text) throws InterruptedException;
    }

    /** Most raw bytes in one piece: its base64 (64 KiB) stays well inside a client's line bound. */
    static final int RAW_PIECE = 48 * 1024;
    private static final byte LF = '\n';

    private final int maxLine;
    private final boolean partial;
    private final Target target;
    private byte[] line = new byte[256];
    private int lineCount;
    /** The line being written was already passed on raw in part: its rest goes raw too. */
    private boolean rawLine;
    private byte[] raw;
    private int rawCount;

    ExactLines(int maxLine, boolean partial, Target target) {
        this.maxLine = maxLine;
        this.partial = partial;
        this.target = target;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws InterruptedException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int lf = indexOfLf(bytes, i, end);
            if (lf < 0) {
                hold(bytes, i, end);
                break;
            }
            endLine(bytes, i, lf);
            i = lf + 1;
        }
        flushRaw();
    }

    @Override
    public void quiet() throws InterruptedException {
        if (!partial || lineCount == 0) {
            return;
        }
        int cut = dev.rshell.server.command.TextLines.utf8Cut(line, lineCount);
        if (cut == 0) {
            return;
        }
        if (Utf8Lines.isCleanText(line, 0, cut)) {
            target.part(new String(line, 0, cut, StandardCharsets.UTF_8));
        } else {
            target.raw(line, 0, cut);
        }
        System.arraycopy(line, cut, line, 0, lineCount - cut);
        lineCount -= cut;
    }

    @Override
    public void close() throws InterruptedException {
        addRaw(line, 0, lineCount);
        lineCount = 0;
        rawLine = false;
        flushRaw();
    }

    /** Bytes of a line with no LF yet. */
    private void hold(byte[] bytes, int from, int to) throws InterruptedException {
        int n = to - from;
        if (rawLine) {
            addRaw(bytes, from, to);
        } else if (lineCount + n > maxLine) {
            addRaw(line, 0, lineCount);
            lineCount = 0;
            addRaw(bytes, from, to);
            rawLine = true;
        } else {
            if (lineCount + n > line.length) {
                line = Arrays.copyOf(line, Math.max(lineCount + n, Math.min(line.length * 2, maxLine)));
            }
            System.arraycopy(bytes, from, line, lineCount, n);
            lineCount += n;
        }
    }

    /** The rest of a line, {@code bytes[from, lf)}, and its LF at {@code lf}. */
    private void endLine(byte[] bytes, int from, int lf) throws InterruptedException {
        if (rawLine) {
            addRaw(bytes, from, lf + 1);
            rawLine = false;
            return;
        }
        if (lineCount == 0) {
            if (lf - from <= maxLine && Utf8Lines.isCleanText(bytes, from, lf)) {
                flushRaw();
                target.text(new String(bytes, from, lf - from, StandardCharsets.UTF_8));
            } else {
                addRaw(bytes, from, lf + 1);
            }
            return;
        }
        hold(bytes, from, lf);
        if (rawLine) {
            addRaw(bytes, lf, lf + 1);
            rawLine = false;
        } else if (Utf8Lines.isCleanText(line, 0, lineCount)) {
            flushRaw();
            target.text(new String(line, 0, lineCount, StandardCharsets.UTF_8));
        } else {
            addRaw(line, 0, lineCount);
            addRaw(bytes, lf, lf + 1);
        }
        lineCount = 0;
    }

    private void addRaw(byte[] bytes, int from, int to) throws InterruptedException {
        while (from < to) {
            if (raw == null) {
                raw = new byte[RAW_PIECE];
            }
            int n = Math.min(to - from, RAW_PIECE - rawCount);
            System.arraycopy(bytes, from, raw, rawCount, n);
            rawCount += n;
            from += n;
            if (rawCount == RAW_PIECE) {
                flushRaw();
            }
        }
    }

    private void flushRaw() throws InterruptedException {
        if (rawCount > 0) {
            int n = rawCount;
            rawCount = 0;
            target.raw(raw, 0, n);
        }
    }

    private static int indexOfLf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == LF) {
                return i;
            }
        }
        return -1;
    }
}
