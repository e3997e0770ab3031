package dev.rshell.client.batch;

import dev.rshell.common.protocol.ClientLine;
import java.util.Arrays;
import java.util.List;

/**
 * Standard input as {@code :inb N BASE64} lines: one line per read, exactly the bytes read.
 * A read is at most {@link InputEncoder#PIECE} bytes, whose base64 (43,692 characters) keeps
 * the line well below the server's default {@code max-line}.
 */
final class ByteInput implements InputEncoder {

    private final long command;

    ByteInput(long command) {
        this.command = command;
    }

    @Override
    public List<ClientLine.ToInput> encode(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return List.of();
        }
        // InputBytes keeps a copy of its own: hand it the buffer itself when that is the piece.
        byte[] piece = offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
        return List.of(new ClientLine.InputBytes(command, piece));
    }

    @Override
    public List<ClientLine.ToInput> finish() {
        return List.of();
    }

    @Override
    public boolean changed() {
        return false;
    }
}
