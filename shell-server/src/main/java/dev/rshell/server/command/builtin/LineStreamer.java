package dev.rshell.server.command.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a byte stream into output lines with bounded memory, for {@code cat}, {@code head} and
 * {@code tail}: a file with a 1 GiB line, or a binary without any LF, must never be held whole.
 *
 * <p>Bytes are decoded as UTF-8, invalid sequences as U+FFFD (the protocol's rule). A line
 * ends at LF; a CR just before it is dropped, since the client would drop it anyway. A line
 * longer than {@code maxLineChars} is emitted in pieces of at most that many chars (never
 * splitting a surrogate pair); the session's sink may split a piece further by bytes. A last
 * line without LF is emitted too.
 *
 * <p>Thread safety: stateless; each call uses its own buffers.
 */
final class LineStreamer {

    /** The longest piece of a line emitted at once, in chars. */
    static final int MAX_LINE_CHARS = 64 * 1024;

    private static final int BUFFER_CHARS = 8 * 1024;

    private LineStreamer() {
    }

    /** Receives the lines; may block on a full session buffer. */
    @FunctionalInterface
    interface LineSink {
        /** The end of a line: the whole line, or the last piece of a long one. */
        void line(String text) throws InterruptedException;

        /** A piece of a long line that more of the same line follows ({@code cat -n} counts lines, not pieces). */
        default void piece(String text) throws InterruptedException {
            line(text);
        }
    }

    /**
     * Copies up to {@code maxLines} lines of {@code in} to the command's standard output: byte
     * for byte when the client takes bytes ({@link dev.rshell.server.command.OutputSink#byteExact()}),
     * else as text lines ({@link #copy}).
     */
    static void copyOut(dev.rshell.server.command.CommandContext context, InputStream in, long maxLines,
                        int maxLineChars) throws IOException, InterruptedException {
        if (!context.output().byteExact()) {
            copy(in, maxLines, maxLineChars, context.output()::out);
            return;
        }
        if (maxLines <= 0) {
            return;
        }
        dev.rshell.server.command.ByteSink sink = context.output().bytes(
                dev.rshell.server.command.OutputSink.Stream.OUT);
        byte[] buffer = new byte[BUFFER_CHARS];
        long lines = 0;
        int n;
        reading:
        while ((n = in.read(buffer)) != -1) {
            BuiltinCommand.checkInterrupted();
            if (maxLines != Long.MAX_VALUE) {
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n' && ++lines == maxLines) {
                        sink.write(buffer, 0, i + 1);
                        break reading;
                    }
                }
            }
            sink.write(buffer, 0, n);
        }
        sink.close();
    }

    /**
     * Copies lines from {@code in} to {@code sink}, checking for an interrupt after every
     * buffer read.
     *
     * @param maxLines     stop after this many whole lines (the pieces of a long line count as
     *                     one); {@code Long.MAX_VALUE} for all
     * @param maxLineChars the longest piece emitted at once
     * @return the number of whole lines emitted
     */
    static long copy(InputStream in, long maxLines, int maxLineChars, LineSink sink)
            throws IOException, InterruptedException {
        if (maxLines <= 0) {
            return 0;
        }
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        char[] buffer = new char[BUFFER_CHARS];
        StringBuilder line = new StringBuilder();
        long lines = 0;
        int n;
        while ((n = reader.read(buffer)) != -1) {
            BuiltinCommand.checkInterrupted();
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] != '\n') {
                    continue;
                }
                append(line, buffer, start, i, maxLineChars, sink);
                int length = line.length();
                if (length > 0 && line.charAt(length - 1) == '\r') {
                    line.setLength(length - 1);
                }
                sink.line(line.toString());
                line.setLength(0);
                if (++lines == maxLines) {
                    return lines;
                }
                start = i + 1;
            }
            append(line, buffer, start, n, maxLineChars, sink);
        }
        // Pieces are only flushed when more text follows, so a non-empty rest is a last line
        // without LF, and an empty one means the stream ended right after an LF.
        if (line.length() > 0) {
            sink.line(line.toString());
            lines++;
        }
        return lines;
    }

    /**
     * Appends {@code buffer[from, to)}, emitting full pieces first so the line stays bounded;
     * {@code FileFollower} assembles its lines with it too.
     */
    static void append(StringBuilder line, char[] buffer, int from, int to,
            int maxLineChars, LineSink sink) throws InterruptedException {
        while (from < to) {
            if (line.length() >= maxLineChars) {
                int cut = line.length();
                if (cut > 1 && Character.isHighSurrogate(line.charAt(cut - 1))) {
                    cut--;
                }
                sink.piece(line.substring(0, cut));
                line.delete(0, cut);
            }
            // At least one char fits: after a flush, at most a held-back surrogate remains.
            int take = Math.min(to - from, maxLineChars - line.length());
            line.append(buffer, from, take);
            from += take;
        }
    }
}
