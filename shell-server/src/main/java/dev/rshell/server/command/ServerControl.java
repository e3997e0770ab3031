package dev.rshell.server.command;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the server-wide built-ins ({@code who}, {@code wall}, {@code kick}, {@code shutdown},
 * {@code stats}) may do, without seeing sessions or sockets.
 *
 * <p>Thread safety: implementations are thread-safe; any session's command may call them.
 */
public interface ServerControl {

    /** One session as {@code who} shows it. */
    record SessionInfo(long id, String user, String address, Instant since, Duration idle,
                       Optional<String> currentCommand) {
    }

    /** The figures {@code stats} shows. */
    record Stats(Duration uptime, int sessions, int peakSessions, long commandsRun, long commandsFailed,
                 long bytesIn, long bytesOut, int threads, long heapUsed, long heapMax,
                 Optional<Long> residentBytes, Optional<Integer> openFileDescriptors) {
    }

    /** Every live session, sorted by id. */
    List<SessionInfo> sessions();

    /**
     * Sends {@code msg} with {@code text} to every logged-in session (the sender's too).
     *
     * @return how many sessions it reached
     */
    int broadcast(String text);

    /**
     * Ends session {@code id} with {@code bye REASON}.
     *
     * @return false when there is no such session
     */
    boolean kick(long id, String reason, String by);

    /** Warns every session, then shuts the server down gracefully after {@code delay}. */
    void shutdown(Duration delay, String by);

    /** The server's figures now. */
    Stats stats();
}
