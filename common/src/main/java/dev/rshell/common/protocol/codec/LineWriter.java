package dev.rshell.common.protocol.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes whole LF-terminated UTF-8 lines to a stream, buffering until {@link #flush()}.
 *
 * <p>A line is appended to the buffer in one piece, so lines from several threads never mix
 * their characters. Callers that send many lines at once (a pipelined script) write them all
 * and flush once.
 *
 * <p>Thread safety: all methods are synchronized on this writer; a write blocked on a full
 * socket blocks other writers, which is the backpressure the protocol wants.
 */
public final class LineWriter {

    private final OutputStream out;
    private byte[] buffer = new byte[1024];
    private int length;

    /** @param out the stream to write; closed by {@link #close()} */
    public LineWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Appends one line; a line break inside {@code text} is the caller's bug and is rejected.
     *
     * @throws IllegalArgumentException if text contains LF
     */
    public synchronized void write(String text) throws IOException {
        if (text.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line cannot contain LF");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length + 1);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
        buffer[length++] = '\n';
        if (length >= 64 * 1024) {
            flush();
        }
    }

    /** Writes buffered lines to the stream and flushes it. */
    public synchronized void flush() throws IOException {
        if (length > 0) {
            out.write(buffer, 0, length);
            length = 0;
        }
        out.flush();
    }

    /** Closes the stream; unflushed lines are dropped. */
    public synchronized void close() throws IOException {
        out.close();
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
