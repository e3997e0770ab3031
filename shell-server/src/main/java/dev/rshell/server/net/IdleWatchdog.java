package dev.rshell.server.net;

import dev.rshell.server.session.Session;
import dev.rshell.server.session.SessionRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Closes sessions that stayed idle past {@code idle-timeout}, after a {@code msg} warning a
 * minute before (or halfway, for limits under two minutes). A running command, a
 * {@code tail -f} included, is activity; a command stalled writing to a client that does not
 * read is left to {@code write-timeout}.
 *
 * <p>Threading: runs periodically on the timer thread; the closes, which may wait for
 * commands to end, run on {@code closer}.
 */
public final class IdleWatchdog implements Runnable {

    private final SessionRegistry sessions;
    private final Duration limit;
    private final Duration warnAt;
    private final Executor closer;

    public IdleWatchdog(SessionRegistry sessions, Duration limit, Executor closer) {
        this.sessions = sessions;
        this.limit = limit;
        Duration minute = Duration.ofMinutes(1);
        this.warnAt = limit.compareTo(minute.multipliedBy(2)) < 0 ? limit.dividedBy(2) : limit.minus(minute);
        this.closer = closer;
    }

    /** How often to look: a tenth of the warning lead, between 100 ms and 1 s. */
    public Duration period() {
        long millis = Math.max(100, Math.min(1000, limit.minus(warnAt).toMillis() / 10));
        return Duration.ofMillis(millis);
    }

    @Override
    public void run() {
        for (Session session : sessions.all()) {
            if (session.isIdle(limit)) {
                closer.execute(() -> session.close("idle timeout"));
            } else if (session.isIdle(warnAt)) {
                session.warnIdleOnce("idle: this session will be closed in "
                        + limit.minus(session.idleFor()).toSeconds() + " s unless it is used");
            }
        }
    }
}
