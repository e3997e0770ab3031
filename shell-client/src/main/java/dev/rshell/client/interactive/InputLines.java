package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ClientLine;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol lines that carry one line typed to a running command: {@code :in N TEXT}, and for
 * a long line first {@code :in- N PIECE} lines with no newline.
 *
 * <p>Why pieces: a server reads client lines of at most its {@code max-line} bytes, and one longer
 * is a command line gone wrong, which takes a command number: the shell's numbering would then
 * disagree with the server's. The shell does not know the server's limit, so a line typed to a
 * command goes in pieces of at most {@value #MAX_TEXT_BYTES} bytes of UTF-8, far below any
 * sensible limit (this server's smallest {@code max-line} is 256). The command reads the same
 * bytes either way. Pieces never split a character and never end with CR (the server would drop
 * a CR before the line's end); a line that itself ends with CR, or holds a CR before a newline,
 * can't be carried by text lines and is refused, and a newline inside it (Ctrl-V Ctrl-J) ends a
 * line there, as it would on a terminal.
 *
 * <p>Thread safety: stateless.
 */
final class InputLines {

    /** Most UTF-8 bytes of text in one {@code :in}/{@code :in-} line (a piece may pass it by one character). */
    static final int MAX_TEXT_BYTES = 200;

    private InputLines() {
    }

    /**
     * The lines for {@code typed}, sent to command {@code command}.
     *
     * @throws IllegalArgumentException (saying why, for the user) when text lines can't carry it
     */
    static List<ClientLine.ToInput> of(long command, String typed) {
        List<ClientLine.ToInput> lines = new ArrayList<>();
        for (String line : typed.split("\n", -1)) {
            if (line.endsWith("\r")) {
                throw new IllegalArgumentException("a line ending with CR can't be sent as input");
            }
            int start = 0;
            while (true) {
                int end = pieceEnd(line, start);
                if (end >= line.length()) {
                    lines.add(new ClientLine.Input(command, line.substring(start)));
                    break;
                }
                lines.add(new ClientLine.PartialInput(command, line.substring(start, end)));
                start = end;
            }
        }
        return lines;
    }

    /** The window cost of {@code lines}. */
    static long cost(List<ClientLine.ToInput> lines) {
        long sum = 0;
        for (ClientLine.ToInput l : lines) {
            sum += l.windowBytes();
        }
        return sum;
    }

    /** Where a piece starting at {@code start} ends: at most the limit, whole characters, no CR last. */
    private static int pieceEnd(String line, int start) {
        int end = start;
        int bytes = 0;
        while (end < line.length()) {
            int cp = line.codePointAt(end);
            int size = utf8Size(cp);
            if (bytes + size > MAX_TEXT_BYTES) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        // The line does not end with CR, so a character follows a CR: take it too.
        while (end > start && end < line.length() && line.charAt(end - 1) == '\r') {
            end += Character.charCount(line.codePointAt(end));
        }
        return end;
    }

    /** Bytes of {@code cp} in UTF-8 as the line writer encodes it (a lone surrogate becomes {@code ?}). */
    private static int utf8Size(int cp) {
        if (cp < 0x80 || Character.isSurrogate((char) cp) && cp < 0x10000) {
            return 1;
        }
        return cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
