package dev.rshell.common.protocol.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads LF-terminated UTF-8 lines from a stream with a hard bound on memory.
 *
 * <p>A line longer than {@code maxLine} bytes (LF not counted) is not kept: its bytes are
 * counted and dropped as they arrive, and {@link #readLine()} reports it as {@link Line#tooLong}
 * once its LF comes, so a peer sending a gigabyte without a newline costs at most
 * {@code maxLine} bytes here. A CR right before the LF is dropped; invalid UTF-8 decodes to
 * U+FFFD. Bytes after the last LF when the stream ends are discarded: a connection cut in the
 * middle of a line must not run a truncated command.
 *
 * <p>Buffers are allocated lazily and start small (a read asks for 2 KiB; while reads keep
 * filling that, the read size doubles, up to 64 KiB). With no buffer, the reader waits for a
 * single byte ({@code in.read()}) and allocates its read buffer only once that byte is there; so
 * a connection that has sent nothing yet, or whose buffers were {@link #release() released}
 * while it was between lines, holds no buffer while it is blocked in {@code read}. That costs one
 * extra read call each time the reader wakes without a buffer, so callers release only where a
 * long idle wait is likely (a server session after login), never between every two lines.
 *
 * <p>Thread safety: not thread-safe; one thread owns a reader (for a session, its reader
 * thread).
 */
public final class LineReader {

    private static final int READ_CHUNK = 2048;
    /**
     * The most one read asks for: a reader whose reads keep filling the chunk (the peer is
     * streaming, e.g. megabytes of output or input) doubles it up to this, so a TLS stream costs
     * a read per record or more, not eight. {@link #release()} gives it back.
     */
    private static final int MAX_READ_CHUNK = 64 * 1024;
    private static final int INITIAL_LINE = 256;

    private final InputStream in;
    private final int maxLine;
    private byte[] chunk;
    private int pos;
    private int limit;
    private byte[] line;
    private int lineLength;
    private long discarded;
    private boolean discardedEndsInCr;
    /** Whether the last read filled the whole chunk. */
    private boolean filled;

    /**
     * @param in      the stream to read; the reader never closes it
     * @param maxLine the longest line kept, in bytes, LF not counted
     */
    public LineReader(InputStream in, int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine must be positive: " + maxLine);
        }
        this.in = in;
        this.maxLine = maxLine;
    }

    /**
     * Reads the next line, blocking until its LF arrives.
     *
     * @return the line, or {@code null} at end of stream
     * @throws IOException as the underlying stream throws it
     */
    public Line readLine() throws IOException {
        if (chunk == null) {
            int first = in.read();
            if (first < 0) {
                return endOfStream();
            }
            chunk = new byte[READ_CHUNK];
            chunk[0] = (byte) first;
            pos = 0;
            limit = 1;
        }
        while (true) {
            while (pos < limit) {
                int lf = indexOfLf(chunk, pos, limit);
                int end = lf < 0 ? limit : lf;
                append(chunk, pos, end - pos);
                pos = lf < 0 ? limit : lf + 1;
                if (lf >= 0) {
                    return finishLine();
                }
            }
            if (filled && chunk.length < MAX_READ_CHUNK) {
                chunk = new byte[Math.min(MAX_READ_CHUNK, chunk.length * 2)]; // all of it was consumed
            }
            int n = in.read(chunk, 0, chunk.length);
            if (n < 0) {
                return endOfStream();
            }
            filled = n == chunk.length;
            pos = 0;
            limit = n;
        }
    }

    /** True when bytes of a started line are buffered (the peer is mid-line). */
    public boolean hasBufferedBytes() {
        return pos < limit || lineLength > 0 || discarded > 0;
    }

    /**
     * True when a whole next line is already buffered, so {@link #readLine()} returns it
     * without reading the stream. A server flushes its answers when this turns false: the
     * client has nothing more in flight that could share the write.
     */
    public boolean hasBufferedLine() {
        return pos < limit && indexOfLf(chunk, pos, limit) >= 0;
    }

    /** Drops the line buffer if it grew large, so an idle connection holds little memory. */
    public void trim() {
        if (line != null && line.length > 4 * INITIAL_LINE && lineLength == 0) {
            line = null;
        }
    }

    /**
     * Drops both buffers when nothing is buffered (see {@link #hasBufferedBytes()}): the next
     * {@link #readLine()} waits for one byte before it allocates again. Mid-line it does nothing.
     */
    public void release() {
        if (!hasBufferedBytes()) {
            chunk = null;
            filled = false;
            line = null;
            pos = 0;
            limit = 0;
        }
    }

    private Line endOfStream() {
        lineLength = 0;
        discarded = 0;
        discardedEndsInCr = false;
        return null;
    }

    private static int indexOfLf(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] src, int off, int len) {
        if (len == 0) {
            return;
        }
        // Long arithmetic: maxLine + 1 overflows for maxLine == Integer.MAX_VALUE.
        long capacity = (long) maxLine + 1; // +1 leaves room for a CR that the LF may reveal as droppable
        long needed = (long) lineLength + len;
        if (discarded > 0 || needed > capacity) {
            discarded += needed;
            lineLength = 0;
            // Remembered so that a CR right before the LF is not counted in the line's bytes.
            discardedEndsInCr = src[off + len - 1] == '\r';
            return;
        }
        if (line == null) {
            line = new byte[(int) Math.min(Math.max(INITIAL_LINE, len), capacity)];
        } else if (needed > line.length) {
            long grown = Math.max(needed, Math.min(line.length * 2L, capacity));
            line = java.util.Arrays.copyOf(line, (int) grown);
        }
        System.arraycopy(src, off, line, lineLength, len);
        lineLength += len;
    }

    private Line finishLine() {
        if (discarded > 0) {
            long total = discardedEndsInCr ? discarded - 1 : discarded;
            discarded = 0;
            discardedEndsInCr = false;
            return Line.tooLong(total);
        }
        int len = lineLength;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        lineLength = 0;
        if (len > maxLine) {
            return Line.tooLong(len);
        }
        return Line.text(len == 0 ? "" : new String(line, 0, len, StandardCharsets.UTF_8), len);
    }

    /**
     * One line read: either its text, or the fact that it was too long.
     *
     * @param text  the decoded text, or {@code null} when the line was too long
     * @param bytes the line's length in bytes (LF and CR not counted)
     */
    public record Line(String text, long bytes) {
        static Line text(String text, int bytes) {
            return new Line(text, bytes);
        }

        static Line tooLong(long bytes) {
            return new Line(null, bytes);
        }

        /** True when the line exceeded the limit and its bytes were discarded. */
        public boolean isTooLong() {
            return text == null;
        }
    }
}
