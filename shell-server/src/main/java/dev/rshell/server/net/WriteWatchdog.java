package dev.rshell.server.net;

import dev.rshell.server.session.Session;
import dev.rshell.server.session.SessionRegistry;
import java.time.Duration;

/**
 * Drops sessions whose client stopped reading. java.net sockets have no write timeout, so a
 * write to a peer that never reads would block forever and pin the session's threads; this
 * task, run periodically on the server's timer thread, aborts any session whose current write
 * has lasted longer than {@code write-timeout}.
 *
 * <p>Threading: runs on the timer thread; it only reads volatile write-start times and closes
 * sockets, never blocks.
 */
public final class WriteWatchdog implements Runnable {

    private final SessionRegistry sessions;
    private final long limitNanos;

    public WriteWatchdog(SessionRegistry sessions, Duration writeTimeout) {
        this.sessions = sessions;
        this.limitNanos = writeTimeout.toNanos();
    }

    /** How often to run: often enough that a stall is cut within about 10% of the limit. */
    public static Duration period(Duration writeTimeout) {
        long millis = Math.max(50, Math.min(1000, writeTimeout.toMillis() / 10));
        return Duration.ofMillis(millis);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        for (Session session : sessions.all()) {
            long started = session.writeStartedNanos();
            if (started != 0 && now - started > limitNanos) {
                session.abort("write timeout: the client stopped reading");
            }
        }
    }
}
