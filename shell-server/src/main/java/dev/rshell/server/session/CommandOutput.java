package dev.rshell.server.session;

import dev.rshell.server.command.OutputSink;
import java.nio.charset.StandardCharsets;

/**
 * The {@link OutputSink} of one command: turns text into {@code out N} / {@code err N} lines
 * in the session's {@link Outbox}, split so that no line carries an LF or more than
 * {@code max-line} bytes of text.
 *
 * <p>After an {@code :interrupt}, {@link #dropQueued()} mutes it: what the command wrote that
 * is still in the outbox is dropped, and what it writes from then on is too, so the
 * command's {@code end} is not queued behind output nobody wants any more.
 *
 * <p>Thread safety: thread-safe (the outbox is); a command's stdout and stderr pumps share it.
 */
final class CommandOutput implements OutputSink {

    private final Outbox outbox;
    private final long number;
    private final String outPrefix;
    private String errPrefix; // made on first use: most commands write no error
    private final int maxLine;
    private final Outbox.Muted muted = new Outbox.Muted();
    private final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

    CommandOutput(Outbox outbox, long number, int maxLine) {
        this.outbox = outbox;
        this.number = number;
        this.outPrefix = "out " + number + " ";
        this.maxLine = maxLine;
    }

    @Override
    public void out(String text) throws InterruptedException {
        write(outPrefix, text);
    }

    @Override
    public void err(String text) throws InterruptedException {
        String prefix = errPrefix;
        if (prefix == null) {
            prefix = "err " + number + " ";
            errPrefix = prefix; // a race only builds the same string twice
        }
        write(prefix, text);
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    /**
     * Drops this command's lines still in the outbox and every line it writes from now on.
     *
     * @return how many queued lines were dropped
     */
    int dropQueued() {
        return outbox.discard(muted, outPrefix, "err " + number + " ");
    }

    /** Characters of output written so far (for the audit log; UTF-8 bytes are not counted twice). */
    long written() {
        return bytes.get();
    }

    private void write(String prefix, String text) throws InterruptedException {
        if (muted.muted) {
            return;
        }
        int lf = text.indexOf('\n');
        if (lf >= 0) {
            // A file name or variable can hold an LF; it must never break the framing.
            write(prefix, text.substring(0, lf));
            write(prefix, text.substring(lf + 1));
            return;
        }
        // Fast path: even at 3 bytes a char the text fits.
        bytes.addAndGet(text.length() + 1L);
        if ((long) text.length() * 3 <= maxLine) {
            outbox.append(prefix + text, muted);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        do {
            int to = Math.min(bytes.length, from + maxLine);
            // Cut only before a UTF-8 lead byte, never inside a character.
            while (to < bytes.length && to > from + 1 && (bytes[to] & 0xC0) == 0x80) {
                to--;
            }
            outbox.append(prefix + new String(bytes, from, to - from, StandardCharsets.UTF_8), muted);
            from = to;
        } while (from < bytes.length);
    }
}
