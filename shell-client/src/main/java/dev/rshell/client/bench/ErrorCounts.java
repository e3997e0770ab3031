package dev.rshell.client.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What went wrong in a load run, by kind.
 *
 * @param nonZeroStatus measured commands that ended with a status other than 0
 * @param statuses      those statuses and how often each came, ascending
 * @param protocolErrors connections the client closed because the server broke the protocol
 *                       (an {@code end} for a command not in flight, a {@code no}, a malformed line)
 * @param disconnects   connections that ended before every command sent had its {@code end}
 * @param timeouts      connections on which no {@code end} came within {@code --timeout}
 * @param unanswered    commands sent that never got their {@code end} (on the connections above)
 * @param firstProblem  a one-line description of the first connection problem, or null
 */
record ErrorCounts(long nonZeroStatus, Map<Integer, Long> statuses, long protocolErrors, long disconnects,
                   long timeouts, long unanswered, String firstProblem) {

    ErrorCounts {
        statuses = Map.copyOf(statuses);
    }

    static ErrorCounts none() {
        return new ErrorCounts(0, Map.of(), 0, 0, 0, 0, null);
    }

    /** Both together; the first problem is this one's when it has one. */
    ErrorCounts plus(ErrorCounts o) {
        Map<Integer, Long> merged = new TreeMap<>(statuses);
        o.statuses.forEach((k, v) -> merged.merge(k, v, Long::sum));
        return new ErrorCounts(nonZeroStatus + o.nonZeroStatus, merged, protocolErrors + o.protocolErrors,
                disconnects + o.disconnects, timeouts + o.timeouts, unanswered + o.unanswered,
                firstProblem != null ? firstProblem : o.firstProblem);
    }

    /** The statuses in ascending order. */
    Map<Integer, Long> sortedStatuses() {
        return new TreeMap<>(statuses);
    }

    /** Connections that failed: protocol errors, disconnects and timeouts. */
    long connectionProblems() {
        return protocolErrors + disconnects + timeouts;
    }

    /** Whether anything at all went wrong. */
    boolean any() {
        return nonZeroStatus > 0 || connectionProblems() > 0 || unanswered > 0;
    }
}
