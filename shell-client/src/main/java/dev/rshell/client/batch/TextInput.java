package dev.rshell.client.batch;

import dev.rshell.common.protocol.ClientLine;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Standard input as text lines, for a server that grants {@code input} but not {@code bytes}:
 * each line read becomes {@code :in N TEXT}, and what follows the last LF of a read becomes
 * {@code :in- N TEXT} at once (a program may be waiting for an answer without a newline).
 *
 * <p>Text can't carry every byte: invalid UTF-8 becomes U+FFFD, and a CR right before an LF is
 * dropped (the server drops a CR before the end of a line, so it could never arrive). A CR is
 * never the last character of a {@code :in-} either: it waits for what comes next. Both set
 * {@link #changed()}, so the client can say once that the input was altered. A line longer
 * than {@link #TEXT_PIECE} characters goes as several {@code :in-} pieces, so no line exceeds
 * 48 KiB of UTF-8; a piece never splits a surrogate pair or ends in CR.
 */
final class TextInput implements InputEncoder {

    /** The most characters in one {@code :in}/{@code :in-} text: at most 48 KiB of UTF-8. */
    static final int TEXT_PIECE = 16 * 1024;

    private final long command;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    /** The start of a UTF-8 sequence that the next read may complete (at most 3 bytes). */
    private final byte[] carry = new byte[8];
    private int carried;
    /** Text read since the last LF that is not sent yet: empty, or one held CR. */
    private final StringBuilder line = new StringBuilder();
    private boolean changed;

    TextInput(long command) {
        this.command = command;
    }

    @Override
    public List<ClientLine.ToInput> encode(byte[] bytes, int offset, int length) {
        List<ClientLine.ToInput> lines = new ArrayList<>();
        ByteBuffer in;
        if (carried > 0) {
            byte[] joined = new byte[carried + length];
            System.arraycopy(carry, 0, joined, 0, carried);
            System.arraycopy(bytes, offset, joined, carried, length);
            in = ByteBuffer.wrap(joined);
            carried = 0;
        } else {
            in = ByteBuffer.wrap(bytes, offset, length);
        }
        decode(in, false, lines);
        carried = in.remaining(); // an incomplete sequence: at most 3 bytes
        in.get(carry, 0, carried);
        sendPartial(lines, false);
        return lines;
    }

    @Override
    public List<ClientLine.ToInput> finish() {
        List<ClientLine.ToInput> lines = new ArrayList<>();
        decode(ByteBuffer.wrap(carry, 0, carried), true, lines);
        carried = 0;
        sendPartial(lines, true);
        return lines;
    }

    @Override
    public boolean changed() {
        return changed;
    }

    /** Decodes {@code in} into lines; leaves an incomplete last sequence in it unless at the end. */
    private void decode(ByteBuffer in, boolean endOfInput, List<ClientLine.ToInput> lines) {
        CharBuffer chars = CharBuffer.allocate(Math.max(16, in.remaining()));
        while (true) {
            CoderResult result = decoder.decode(in, chars, endOfInput);
            take(chars, lines);
            if (result.isError()) {
                in.position(in.position() + result.length());
                line.append('\uFFFD');
                changed = true;
                split(lines);
            } else if (result.isUnderflow()) {
                break;
            }
        }
        if (endOfInput) {
            decoder.reset();
        }
    }

    /** Appends decoded characters to the line, sending each line that an LF ends. */
    private void take(CharBuffer chars, List<ClientLine.ToInput> lines) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == '\n') {
                if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
                    line.setLength(line.length() - 1);
                    changed = true; // the server would drop it
                }
                lines.add(new ClientLine.Input(command, line.toString()));
                line.setLength(0);
            } else {
                line.append(c);
                split(lines);
            }
        }
        chars.clear();
    }

    /** Sends the start of an over-long line as a piece. */
    private void split(List<ClientLine.ToInput> lines) {
        if (line.length() >= TEXT_PIECE) {
            int cut = safeCut(TEXT_PIECE);
            lines.add(new ClientLine.PartialInput(command, line.substring(0, cut)));
            line.delete(0, cut);
        }
    }

    /** Sends what is held of the current line; a last CR waits, or is dropped at the end. */
    private void sendPartial(List<ClientLine.ToInput> lines, boolean endOfInput) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            if (endOfInput) {
                changed = true; // a :in- can't end with CR: the server would drop it
            }
            end--;
        }
        if (end > 0) {
            lines.add(new ClientLine.PartialInput(command, line.substring(0, end)));
        }
        line.delete(0, endOfInput ? line.length() : end);
    }

    /** Where to cut a piece of at most {@code most} characters: never inside a pair, never after CR. */
    private int safeCut(int most) {
        int cut = most;
        if (Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--;
        }
        if (line.charAt(cut - 1) == '\r') {
            cut--;
        }
        return cut;
    }
}
