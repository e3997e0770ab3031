package dev.rshell.client.batch;

import dev.rshell.common.protocol.ClientLine;
import java.util.List;

/**
 * Turns the bytes read from the client's standard input into input lines for one command:
 * {@code :inb} when the server granted {@code bytes} ({@link ByteInput}), else {@code :in} and
 * {@code :in-} ({@link TextInput}).
 *
 * <p>Every line it makes fits the server's default {@code max-line} (64 KiB) with room to
 * spare, so input never turns into a "line too long" on the server.
 *
 * <p>Thread safety: not thread-safe; only the stdin pump uses an encoder.
 */
interface InputEncoder {

    /** The most bytes read from stdin at once: one {@code :inb} line's worth. */
    int PIECE = 32 * 1024;

    /** The lines for {@code length} bytes read, in order; the bytes are not kept. */
    List<ClientLine.ToInput> encode(byte[] bytes, int offset, int length);

    /** At the end of input: lines for whatever is still held (never {@code :eof}). */
    List<ClientLine.ToInput> finish();

    /**
     * True once some input could not be sent as read (text only: a CR before LF, invalid
     * UTF-8): the client says so once on stderr.
     */
    boolean changed();

    /** {@code :inb} lines, byte-exact. */
    static InputEncoder bytes(long command) {
        return new ByteInput(command);
    }

    /** {@code :in}/{@code :in-} lines, for a server that grants input but not bytes. */
    static InputEncoder text(long command) {
        return new TextInput(command);
    }
}
