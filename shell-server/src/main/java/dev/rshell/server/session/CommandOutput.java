package dev.rshell.server.session;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.command.ByteSink;
import dev.rshell.server.command.OutputSink;
import dev.rshell.server.command.TextLines;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link OutputSink} of one command: turns what it writes into {@code out N} / {@code err N}
 * lines in the session's {@link Outbox}, split so that no line carries an LF or more than
 * {@code max-line} bytes of text; with byte-exact output ({@link OutputFraming#bytes()}), bytes
 * that are no clean text line go as {@code outb N} / {@code errb N}; with live prompts
 * ({@link OutputFraming#partial()}), held text without LF goes as {@code part N} once the
 * program is quiet.
 *
 * <p>After an {@code :interrupt}, {@link #dropQueued()} mutes it: what the command wrote that
 * is still in the outbox is dropped, and what it writes from then on is too, so the
 * command's {@code end} is not queued behind output nobody wants any more.
 *
 * <p>Thread safety: thread-safe (the outbox is); a command's stdout and stderr pumps share it.
 * Each {@link #bytes} stream is used by one thread at a time.
 */
final class CommandOutput implements OutputSink {

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final Outbox outbox;
    private final long number;
    private final String outPrefix;
    private String errPrefix; // made on first use: most commands write no error
    private final int maxLine;
    private final OutputFraming framing;
    private final Outbox.Muted muted = new Outbox.Muted();
    private final AtomicLong bytes = new AtomicLong();

    CommandOutput(Outbox outbox, long number, int maxLine) {
        this(outbox, number, maxLine, OutputFraming.TEXT);
    }

    CommandOutput(Outbox outbox, long number, int maxLine, OutputFraming framing) {
        this.outbox = outbox;
        this.number = number;
        this.outPrefix = "out " + number + " ";
        this.maxLine = maxLine;
        this.framing = framing;
    }

    @Override
    public void out(String text) throws InterruptedException {
        writeText(Stream.OUT, text);
    }

    @Override
    public void err(String text) throws InterruptedException {
        writeText(Stream.ERR, text);
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    @Override
    public boolean byteExact() {
        return framing.bytes();
    }

    @Override
    public int maxLineBytes() {
        return maxLine;
    }

    @Override
    public ByteSink bytes(Stream stream) {
        if (framing.bytes()) {
            return new ExactLines(maxLine, framing.partial(), new ExactLines.Target() {
                @Override
                public void text(String line) throws InterruptedException {
                    writeLine(prefix(stream), line);
                }

                @Override
                public void raw(byte[] data, int offset, int length) throws InterruptedException {
                    writeRaw(stream, data, offset, length);
                }

                @Override
                public void part(String text) throws InterruptedException {
                    writePart(stream, text);
                }
            });
        }
        TextLines lines = new TextLines(maxLine, text -> writeLine(prefix(stream), text));
        if (!framing.partial()) {
            return lines;
        }
        return new ByteSink() {
            @Override
            public void write(byte[] data, int offset, int length) throws InterruptedException {
                lines.write(data, offset, length);
            }

            @Override
            public void quiet() throws InterruptedException {
                byte[] held = lines.takeHeld();
                if (held.length > 0) {
                    // Text mode has no way to carry CR or NUL in a part: they are left out.
                    String text = new String(held, StandardCharsets.UTF_8).replace("\r", "").replace("\0", "");
                    if (!text.isEmpty()) {
                        writePart(stream, text);
                    }
                }
            }

            @Override
            public void close() throws InterruptedException {
                lines.close();
            }
        };
    }

    /**
     * Drops this command's lines still in the outbox and every line it writes from now on.
     *
     * @return how many queued lines were dropped
     */
    int dropQueued() {
        return outbox.discard(muted, outPrefix, "err " + number + " ", "outb " + number + " ",
                "errb " + number + " ", "part " + number + " ");
    }

    /** Bytes of output written so far (for the audit log; text counts its characters). */
    long written() {
        return bytes.get();
    }

    private String prefix(Stream stream) {
        if (stream == Stream.OUT) {
            return outPrefix;
        }
        String prefix = errPrefix;
        if (prefix == null) {
            prefix = "err " + number + " ";
            errPrefix = prefix; // a race only builds the same string twice
        }
        return prefix;
    }

    private void writeText(Stream stream, String text) throws InterruptedException {
        if (framing.bytes() && !Utf8Lines.isCleanText(text)) {
            // Byte-exact: a CR or NUL in a built-in's text would be lost or refused in a text line.
            byte[] data = (text + "\n").getBytes(StandardCharsets.UTF_8);
            writeRaw(stream, data, 0, data.length);
            return;
        }
        writeLine(prefix(stream), text);
    }

    private void writeLine(String prefix, String text) throws InterruptedException {
        if (muted.muted) {
            return;
        }
        int lf = text.indexOf('\n');
        if (lf >= 0) {
            // A file name or variable can hold an LF; it must never break the framing.
            writeLine(prefix, text.substring(0, lf));
            writeLine(prefix, text.substring(lf + 1));
            return;
        }
        // Fast path: even at 3 bytes a char the text fits.
        bytes.addAndGet(text.length() + 1L);
        if ((long) text.length() * 3 <= maxLine) {
            outbox.append(prefix + text, muted);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        do {
            int to = Math.min(utf8.length, from + maxLine);
            // Cut only before a UTF-8 lead byte, never inside a character.
            while (to < utf8.length && to > from + 1 && (utf8[to] & 0xC0) == 0x80) {
                to--;
            }
            outbox.append(prefix + new String(utf8, from, to - from, StandardCharsets.UTF_8), muted);
            from = to;
        } while (from < utf8.length);
    }

    private void writeRaw(Stream stream, byte[] data, int offset, int length) throws InterruptedException {
        if (muted.muted || length == 0) {
            return;
        }
        bytes.addAndGet(length);
        String kind = stream == Stream.OUT ? "outb " : "errb ";
        int piece = ExactLines.RAW_PIECE;
        for (int from = offset; from < offset + length; from += piece) {
            int n = Math.min(piece, offset + length - from);
            byte[] chunk = from == 0 && n == data.length ? data : java.util.Arrays.copyOfRange(data, from, from + n);
            // The wire form of ServerLine.OutBytes / ErrBytes, built without the record's copies.
            outbox.append(kind + number + " " + BASE64.encodeToString(chunk), muted);
        }
    }

    private void writePart(Stream stream, String text) throws InterruptedException {
        if (muted.muted) {
            return;
        }
        bytes.addAndGet(text.length());
        outbox.append(new ServerLine.Part(number, stream == Stream.OUT ? ServerLine.Stream.OUT : ServerLine.Stream.ERR,
                text).toWire(), muted);
        outbox.flush(); // a prompt is what the user waits for
    }
}
