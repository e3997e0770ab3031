package dev.rshell.client.batch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a script stream into lines the way the server splits the socket: only LF ends a line
 * (a lone CR inside a line stays), a CR right before the LF is dropped, invalid UTF-8 becomes
 * U+FFFD. Unlike the server's reader it keeps a last line that has no LF, because a script
 * file without a final newline still means its last command.
 *
 * <p>Lines are bounded by {@link #MAX_LINE} bytes so a file without newlines can't exhaust the
 * client's memory; a longer line is reported rather than sent.
 *
 * <p>Thread safety: not thread-safe; only the main thread reads scripts.
 */
final class ScriptLineReader {

    /** The longest script line the client sends, in bytes: 16 times the server's default. */
    static final int MAX_LINE = 1 << 20;

    /** A line beyond {@link #MAX_LINE}. */
    static final class TooLong extends Exception {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super(null, null, false, false);
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int pos;
    private int limit;
    private boolean eof;

    ScriptLineReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next line, or {@code null} at end of stream.
     *
     * @param beforeWait run right before a read that may block (nothing buffered, nothing
     *                   available): the caller's chance to flush what it has batched
     */
    String readLine(Runnable beforeWait) throws IOException, TooLong {
        line.reset();
        while (true) {
            if (pos == limit) {
                if (!eof && in.available() == 0) {
                    beforeWait.run();
                }
                int n = eof ? -1 : in.read(buffer);
                if (n < 0) {
                    eof = true;
                    return line.size() == 0 ? null : finish();
                }
                pos = 0;
                limit = n;
                continue;
            }
            int lf = pos;
            while (lf < limit && buffer[lf] != '\n') {
                lf++;
            }
            // +1: room for the CR that the LF may reveal as droppable.
            if (line.size() + (lf - pos) > MAX_LINE + 1) {
                throw new TooLong();
            }
            line.write(buffer, pos, lf - pos);
            if (lf < limit) {
                pos = lf + 1;
                return finish();
            }
            pos = limit;
        }
    }

    private String finish() throws TooLong {
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (length > MAX_LINE) {
            throw new TooLong();
        }
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
