package dev.rshell.server.command;

/**
 * Where a command writes its output, sent to the client as {@code out N TEXT} /
 * {@code err N TEXT} lines (and, when the client asked for byte-exact output, {@code outb} /
 * {@code errb}).
 *
 * <p>A command writes either text lines ({@link #out}, {@link #err}: built-ins that format
 * what they print) or raw bytes through {@link #bytes} (an OS program's pipes, {@code cat} of a
 * file): the sink frames bytes into lines itself, so that how output reaches the wire (text,
 * byte-exact, live prompts) is decided in one place and not by each command. A command uses
 * one way per stream, or closes the byte stream before writing text on the same stream.
 *
 * <p>Thread safety: implementations are thread-safe (a command's stdout and stderr may be
 * pumped by different threads). A call blocks while the session's outgoing buffer is full,
 * which is how a flooding command is paused; it throws {@link InterruptedException} if its
 * thread is interrupted meanwhile. After the session has closed, lines are dropped silently
 * (the command is being interrupted anyway).
 */
public interface OutputSink {

    /** A command's two output streams. */
    enum Stream {
        OUT, ERR
    }

    /** Writes one line of standard output; {@code text} has no LF. Long text is split. */
    void out(String text) throws InterruptedException;

    /** Writes one line of standard error; {@code text} has no LF. Long text is split. */
    void err(String text) throws InterruptedException;

    /**
     * Sends what was written so far now, rather than when the command ends. Commands whose
     * output trickles in over time (an OS process, a follow) call it after each burst;
     * quick commands don't need it.
     */
    default void flush() {
    }

    /**
     * True when the client gets output byte for byte ({@code bytes} granted): a command that
     * copies bytes (a file, its input) should then write them through {@link #bytes} rather
     * than as decoded text lines, which lose CR, invalid UTF-8 and a missing last LF.
     */
    default boolean byteExact() {
        return false;
    }

    /** Longest text passed on in one line, in UTF-8 bytes; longer lines go out in pieces. */
    default int maxLineBytes() {
        return 65536;
    }

    /**
     * The byte stream of {@code stream}, for output that comes as bytes. Call it once per
     * stream and command, and {@link ByteSink#close()} it when the command is done with it:
     * the sink may hold the end of a line until then. The default frames bytes into text
     * lines ({@link TextLines}) passed to {@link #out} / {@link #err}.
     */
    default ByteSink bytes(Stream stream) {
        return new TextLines(maxLineBytes(), stream == Stream.OUT ? this::out : this::err);
    }
}
