package dev.rshell.client.bench;

import dev.rshell.common.protocol.ExitStatus;

/**
 * Everything one {@code rshell bench} run measured, for the text and JSON reports.
 *
 * @param target   the rshell server, {@code host:port}
 * @param tls      whether both runs used TLS
 * @param settings the load
 * @param rshell   the run against rshell
 * @param baseline the same load against the in-process echo server, or null without
 *                 {@code --baseline}
 * @param sessions the {@code --sessions} figures, or null without it
 */
record BenchResult(String target, boolean tls, LoadSettings settings, LoadResult rshell, LoadResult baseline,
                   SessionFigures sessions) {

    /**
     * The bench's exit status: 0 when every measured command ended with status 0; 1 when some
     * ended with another status; 255 when a connection failed (protocol error, disconnect,
     * timeout), as for any client whose commands went unanswered.
     */
    int exitStatus() {
        ErrorCounts all = baseline == null ? rshell.errors() : rshell.errors().plus(baseline.errors());
        if (all.connectionProblems() > 0 || all.unanswered() > 0) {
            return ExitStatus.CONNECTION_FAILURE;
        }
        return all.nonZeroStatus() > 0 ? ExitStatus.FAILURE : ExitStatus.OK;
    }
}
