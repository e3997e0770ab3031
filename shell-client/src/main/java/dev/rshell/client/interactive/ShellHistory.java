package dev.rshell.client.interactive;

import dev.rshell.client.ClientHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;

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

    /**
     * The history file {@code file}, created owner-only; null (no history kept) when
     * {@code file} is null or can't be created, which is said in one line on {@code terminal}.
     */
    static Path privateFile(Path file, Terminal terminal) {
        if (file == null) {
            return null;
        }
        try {
            if (file.getParent() != null) {
                ClientHome.createPrivateDirectory(file.getParent());
            }
            if (!Files.exists(file)) {
                if (ClientHome.posix(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(file);
                }
            }
            return file;
        } catch (IOException | UnsupportedOperationException e) {
            terminal.writer().println("rshell: no history: can't create " + file + ": " + e.getMessage());
            terminal.flush();
            return null;
        }
    }

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
