package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ServerLine;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Prints whole lines to the terminal through {@link LineReader#printAbove(AttributedString)}:
 * above the prompt and the half-typed line while the user edits (JLine redraws both, cursor
 * included), or simply as the next line while a command runs in the foreground.
 *
 * <p>Styles: standard output as it is; standard error red; server notices ({@code msg})
 * bold yellow with a {@value #NOTICE_PREFIX} prefix, so they stand out even without colour;
 * the shell's own notes (background jobs) as they are. Without colour every line is plain text.
 * Text is never interpreted: a command's own escape sequences pass through, as over ssh. A
 * running command's prompt ({@code part} text) is styled by its stream, like its lines.
 *
 * <p>Thread safety: {@code printAbove} takes the line reader's lock, so lines from the reader
 * thread and the input thread never mix. After {@link #detach()} (the terminal is about to be
 * closed) printing is a no-op, because JLine's {@code printAbove} throws on a closed terminal.
 */
final class Screen {

    /** What a server notice ({@code msg}) is shown with. */
    static final String NOTICE_PREFIX = "[msg] ";

    private static final AttributedStyle ERR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    private static final AttributedStyle NOTICE = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);

    private final LineReader reader;
    private final boolean color;
    private volatile boolean detached;

    Screen(LineReader reader, boolean color) {
        this.reader = reader;
        this.color = color;
    }

    /** A command's standard output line. */
    AttributedString out(String text) {
        return new AttributedString(text);
    }

    /** A command's standard error line, or a client error. */
    AttributedString err(String text) {
        return color ? new AttributedString(text, ERR) : new AttributedString(text);
    }

    /** A server notice. */
    AttributedString notice(String text) {
        String line = NOTICE_PREFIX + text;
        return color ? new AttributedString(line, NOTICE) : new AttributedString(line);
    }

    /** One of the shell's own notes. */
    AttributedString note(String text) {
        return new AttributedString(text);
    }

    /**
     * The screen line that a running command's prompt and what the user typed after it make:
     * the pieces as their streams print ({@link #out}, {@link #err}), then {@code typed}.
     */
    AttributedString answered(List<CommandInput.Piece> pieces, String typed) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        for (CommandInput.Piece p : pieces) {
            b.append(p.stream() == ServerLine.Stream.ERR ? err(p.text()) : out(p.text()));
        }
        return b.append(typed).toAttributedString();
    }

    /**
     * A running command's prompt (its pending pieces) as the line reader's prompt string: styled as
     * {@link #answered} prints it, control characters other than ESC shown as {@code ?} (the
     * editor must know where the cursor is), {@code %} doubled (JLine expands prompt patterns).
     * The command's own colour sequences still work: JLine reads ANSI in a prompt.
     */
    String prompt(List<CommandInput.Piece> pieces) {
        StringBuilder clean = new StringBuilder();
        String ansi = answered(pieces, "").toAnsi(reader.getTerminal());
        ansi.codePoints().forEach(c -> clean.appendCodePoint(c != 0x1b && Character.isISOControl(c) ? '?' : c));
        return clean.toString().replace("%", "%%");
    }

    /** Prints one line; the one call that prints from the reader thread. */
    void print(AttributedString line) {
        if (detached) {
            return;
        }
        try {
            reader.printAbove(line);
        } catch (IllegalStateException e) {
            // The terminal was closed under us: nothing can be shown any more.
            detached = true;
        }
    }

    /** Stops printing for good; call before the terminal is closed. */
    void detach() {
        detached = true;
    }
}
