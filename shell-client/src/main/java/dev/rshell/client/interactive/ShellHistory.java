package dev.rshell.client.interactive;

import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The line history, kept per server in {@code ~/.rshell/history-HOST-PORT} (JLine's
 * {@link DefaultHistory}, appended as each line is entered; Ctrl-R searches it).
 *
 * <p>Lines that carry secrets never reach it: a {@code :login} line, any {@code passwd} line
 * (typed with its arguments, or the one the shell builds after asking for the passwords), and
 * anything typed while {@link #secret(boolean)} is on (password prompts).
 *
 * <p>Thread safety: used by the input thread (the line reader adds lines); the secret flag is
 * volatile.
 */
final class ShellHistory extends DefaultHistory {

    private volatile boolean secret;

    /** Whether {@code line} must stay out of the history. */
    static boolean excluded(String line) {
        String s = line.stripLeading();
        if (s.startsWith(":login")) {
            return true;
        }
        return s.equals("passwd") || s.startsWith("passwd ") || s.startsWith("passwd\t");
    }

    /** While on, nothing is added (a password is being typed). */
    void secret(boolean on) {
        secret = on;
    }

    @Override
    public void add(Instant time, String line) {
        if (secret || excluded(line)) {
            return;
        }
        super.add(time, line);
    }
}
