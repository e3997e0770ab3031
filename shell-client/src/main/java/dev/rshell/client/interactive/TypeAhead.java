package dev.rshell.client.interactive;

import java.io.IOError;
import java.io.IOException;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.NonBlockingReader;

/**
 * Finds a Ctrl-C typed in the moment between Enter and the end of {@code readLine}.
 *
 * <p>While it edits a line, JLine keeps the terminal raw and without signals ({@code ISIG}
 * off), so Ctrl-C is then an ordinary byte. A Ctrl-C typed right after Enter, before
 * {@code readLine} restored the terminal, is left in the input as that byte: no signal ever
 * comes, the command runs on, and the next prompt would swallow the key. So right after a
 * command line is sent, the terminal is put briefly into non-canonical mode with signals on
 * (a Ctrl-C typed meanwhile is a signal and echoes, as it should), and the first pending byte is
 * peeked: Ctrl-C (the terminal's {@code VINTR}) is consumed and reported; anything else stays
 * in the line reader's buffer for the next prompt, where it belongs.
 *
 * <p>Thread safety: called by the input thread only, outside {@code readLine}.
 */
final class TypeAhead {

    /** How long the peek waits: a byte typed before the terminal was restored is already there. */
    static final long PEEK_MILLIS = 5;

    private TypeAhead() {
    }

    /** True when a Ctrl-C was typed ahead; it is consumed then. */
    static boolean ctrlCPending(Terminal terminal) {
        Attributes saved;
        try {
            saved = terminal.getAttributes();
        } catch (IOError | RuntimeException e) {
            return false;
        }
        int intr = saved.getControlChar(Attributes.ControlChar.VINTR);
        if (intr <= 0) {
            return false;
        }
        // Not canonical, so a byte is readable without a line end; echo and signals as the
        // foreground command has them, so a key typed meanwhile looks and acts as it would then.
        Attributes peeking = new Attributes(saved);
        peeking.setLocalFlag(Attributes.LocalFlag.ICANON, false);
        peeking.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        peeking.setControlChar(Attributes.ControlChar.VMIN, 1);
        peeking.setControlChar(Attributes.ControlChar.VTIME, 0);
        try {
            terminal.setAttributes(peeking);
            NonBlockingReader reader = terminal.reader();
            if (reader.peek(PEEK_MILLIS) == intr) {
                reader.read(PEEK_MILLIS);
                return true;
            }
            return false;
        } catch (IOException | IOError | RuntimeException e) {
            return false;
        } finally {
            try {
                terminal.setAttributes(saved);
            } catch (IOError | RuntimeException e) {
                // the terminal is gone; the shell notices at the next read
            }
        }
    }
}
