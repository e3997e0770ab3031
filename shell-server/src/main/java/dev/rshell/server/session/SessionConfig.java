package dev.rshell.server.session;

import java.time.Duration;

/**
 * The settings a session obeys, taken once from the server's settings.
 *
 * @param maxLine          longest client line in bytes, and longest {@code out} text
 * @param maxPendingLines  queued command lines before the socket is no longer read
 * @param maxPendingBytes  queued command-line bytes before the socket is no longer read
 * @param outboxBytes      outgoing bytes buffered before producers wait
 * @param loginGrace       time from connect to a successful {@code :login}
 * @param maxAuthTries     failed logins per connection; the last gets {@code bye}
 * @param commandTimeout   a command's time limit, {@link Duration#ZERO} for none
 * @param killGrace        TERM to KILL delay when ending an OS process tree
 * @param drainTimeout     how long a closing connection drains unread client bytes
 * @param writeTimeout     a socket write stalled this long drops the session
 * @param maxJobs          background commands running at once in one session
 * @param execEnabled      whether OS commands may run at all
 * @param execPath         the session's initial {@code PATH}
 * @param lang             the session's {@code LANG}
 */
public record SessionConfig(
        int maxLine,
        int maxPendingLines,
        long maxPendingBytes,
        int outboxBytes,
        Duration loginGrace,
        int maxAuthTries,
        Duration commandTimeout,
        Duration killGrace,
        Duration drainTimeout,
        Duration writeTimeout,
        int maxJobs,
        boolean execEnabled,
        String execPath,
        String lang) {
}
