package dev.rshell.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The warning a server started as root prints: every user's commands then run as root, and an
 * admin account is a root shell. The server still starts (containers often run as root), but
 * it says so once, at start, with the way out.
 */
final class RootWarning {

    static final String TEXT = "rshell-server: warning: running as root: every user's commands run as root"
            + " (an admin account is a root shell); run the server as an unprivileged user instead, e.g."
            + " sudo -u rshell bin/rshell-server (docs/security.md, section 3)";

    private RootWarning() {
    }

    /** The warning for a process whose effective user id is {@code uid}; empty when it is not root. */
    static Optional<String> forUid(long uid) {
        return uid == 0 ? Optional.of(TEXT) : Optional.empty();
    }

    /**
     * This process's effective user id, from the owner of {@code /proc/self} (Linux), else from
     * {@code com.sun.security.auth.module.UnixSystem}; -1 when neither tells.
     */
    static long currentUid() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            if (uid instanceof Integer i) {
                return i;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // not Linux, or no unix attribute view: ask the JDK's auth module
        }
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
