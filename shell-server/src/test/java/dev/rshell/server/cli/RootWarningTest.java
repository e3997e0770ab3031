package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The root warning: printed for uid 0 only, saying what it means and how to do better. */
class RootWarningTest {

    @Test
    void rootIsWarnedWithWhatItMeansAndTheWayOut() {
        String w = RootWarning.forUid(0).orElseThrow();
        assertTrue(w.startsWith("rshell-server: warning: running as root: every user's commands run as root"), w);
        assertTrue(w.contains("run the server as an unprivileged user"), w);
        assertEquals(1, w.lines().count());
    }

    @Test
    void otherUsersAreNotWarned() {
        assertEquals(Optional.empty(), RootWarning.forUid(1000));
        assertEquals(Optional.empty(), RootWarning.forUid(-1));
    }

    @Test
    void theUidIsThisProcesss() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes()).strip();
        assertTrue(id.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(Long.parseLong(uid), RootWarning.currentUid());
    }
}
