package dev.rshell.client.bench;

/**
 * The figures of one load run against one server.
 *
 * @param label     "rshell" or "baseline"
 * @param commands  measured commands that ended
 * @param elapsed   nanoseconds from the start of measuring (all clients warmed up) to the last
 *                  measured {@code end}
 * @param latency   the latency figures
 * @param errors    what went wrong
 */
record LoadResult(String label, long commands, long elapsed, LatencySummary latency, ErrorCounts errors) {

    /** Commands per second over the measured time; 0 when nothing was measured. */
    double commandsPerSecond() {
        return elapsed <= 0 ? 0 : commands * 1e9 / elapsed;
    }
}
