package dev.rshell.server.command;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns the bytes of one output stream into lines, with bounded memory.
 *
 * <ul>
 *   <li>Lines end at LF; a CR right before the LF is dropped (even when the two arrive in
 *       different reads). A lone CR is kept.</li>
 *   <li>Text is decoded as UTF-8 with U+FFFD for malformed input. Only whole lines or pieces
 *       cut at a character boundary are decoded, so a character split across two reads is never
 *       mangled.</li>
 *   <li>A line longer than {@code maxLineBytes} bytes is passed on in pieces of at most that
 *       many bytes, cut before a character that would not fit; the pieces' concatenation is the
 *       line. The pending buffer thus never holds more than {@code maxLineBytes + 1} bytes (the
 *       one extra is a CR kept back until we know whether an LF follows), whatever the process
 *       prints.</li>
 *   <li>{@link #finish} passes on what is left without a final LF as a last line.</li>
 * </ul>
 *
 * <p>The buffer starts small and doubles up to its bound, so a running command that prints
 * short lines costs a few hundred bytes, not {@code maxLineBytes}.
 *
 * <p>{@link #takeHeld()} lets a sink that shows live prompts take the start of a line out early;
 * what follows then continues the same line.
 *
 * <p>Thread safety: not thread-safe; one instance belongs to one stream and one thread.
 */
public final class TextLines implements ByteSink {

    /** Receives each line or piece, without its LF. */
    @FunctionalInterface
    public interface LineSink {
        void line(String text) throws InterruptedException;
    }

    /** The longest UTF-8 sequence: a piece must hold at least one whole character. */
    public static final int MIN_LINE_BYTES = 4;

    private static final int INITIAL_CAPACITY = 256;
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    private final int maxLineBytes;
    private final LineSink sink;
    private byte[] pending;
    private int count;

    /**
     * @param maxLineBytes longest line passed on whole, in bytes (at least 4)
     * @param sink         receives each line or piece
     */
    public TextLines(int maxLineBytes, LineSink sink) {
        if (maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + MIN_LINE_BYTES
                    + " (the longest UTF-8 character), got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.sink = sink;
        this.pending = new byte[Math.min(INITIAL_CAPACITY, maxLineBytes + 1)];
    }

    /** Takes {@code length} bytes from {@code bytes}, passing on every line they complete. */
    @Override
    public void write(byte[] bytes, int offset, int length) throws InterruptedException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int lf = indexOfLf(bytes, i, end);
            int runEnd = lf < 0 ? end : lf;
            append(bytes, i, runEnd);
            if (lf < 0) {
                return;
            }
            endLine();
            i = lf + 1;
        }
    }

    /** Passes on the text left without a final LF, if any; the assembler is then empty. */
    @Override
    public void close() throws InterruptedException {
        while (count > maxLineBytes) {
            emitPiece();
        }
        if (count > 0) {
            emit(count);
        }
    }

    /** Bytes held, waiting for the rest of their line. */
    public int pendingBytes() {
        return count;
    }

    /**
     * Takes the bytes held so far out of the assembler, as text to show before the rest of
     * their line: all of them but an unfinished UTF-8 character and a CR at the end (which
     * may yet begin a CR LF), which stay. Empty when nothing can go yet.
     */
    public byte[] takeHeld() {
        int n = utf8Cut(pending, count);
        if (n > 0 && pending[n - 1] == CR) {
            n--;
        }
        byte[] held = Arrays.copyOf(pending, n);
        System.arraycopy(pending, n, pending, 0, count - n);
        count -= n;
        return held;
    }

    private void append(byte[] bytes, int from, int to) throws InterruptedException {
        while (from < to) {
            if (count >= maxLineBytes) {
                if (count == maxLineBytes && bytes[from] == CR) {
                    // A full buffer ending in CR LF is a line of exactly maxLineBytes: keep the
                    // CR in the one spare byte until we see what follows it.
                    ensureCapacity(count + 1);
                    pending[count++] = CR;
                    from++;
                    continue;
                }
                emitPiece();
                continue;
            }
            int n = Math.min(maxLineBytes - count, to - from);
            ensureCapacity(count + n);
            System.arraycopy(bytes, from, pending, count, n);
            count += n;
            from += n;
        }
    }

    private void endLine() throws InterruptedException {
        int length = count;
        if (length > 0 && pending[length - 1] == CR) {
            length--;
        }
        emit(length);
        count = 0;
    }

    /** Passes on the longest whole-character prefix of at most maxLineBytes bytes; keeps the rest. */
    private void emitPiece() throws InterruptedException {
        int cut = utf8Cut(pending, Math.min(count, maxLineBytes));
        String text = new String(pending, 0, cut, StandardCharsets.UTF_8);
        System.arraycopy(pending, cut, pending, 0, count - cut);
        count -= cut;
        sink.line(text);
    }

    private void emit(int length) throws InterruptedException {
        String text = new String(pending, 0, length, StandardCharsets.UTF_8);
        count = 0;
        sink.line(text);
    }

    private void ensureCapacity(int needed) {
        if (needed > pending.length) {
            int grown = Math.max(needed, Math.min(pending.length * 2, maxLineBytes + 1));
            pending = Arrays.copyOf(pending, grown);
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

    /**
     * The largest {@code k <= n} such that {@code bytes[0, k)} does not end inside a UTF-8
     * sequence. Only the last three bytes need a look: a sequence is at most four long.
     * Malformed input never moves the cut by more than three bytes, so a piece of a
     * {@code maxLineBytes >= 4} buffer is never empty.
     */
    public static int utf8Cut(byte[] bytes, int n) {
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for its lead
            }
            int sequenceLength;
            if (b < 0x80) {
                sequenceLength = 1;
            } else if ((b & 0xE0) == 0xC0) {
                sequenceLength = 2;
            } else if ((b & 0xF0) == 0xE0) {
                sequenceLength = 3;
            } else if ((b & 0xF8) == 0xF0) {
                sequenceLength = 4;
            } else {
                sequenceLength = 1; // not a valid lead: decodes to U+FFFD wherever we cut
            }
            return sequenceLength > back ? n - back : n;
        }
        return n;
    }
}
