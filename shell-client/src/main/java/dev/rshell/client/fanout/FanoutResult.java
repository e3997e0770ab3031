package dev.rshell.client.fanout;

import java.util.List;

/**
 * What a run over many hosts came to: one result per host, in the hosts' order.
 *
 * @param results     every host's result
 * @param interrupted whether {@link FanoutRunner#interruptAll()} cut the run short
 */
public record FanoutResult(List<HostResult> results, boolean interrupted) {
    public FanoutResult {
        results = List.copyOf(results);
    }

    /** The process status ({@link FanoutStatus}). */
    public int exitStatus() {
        return FanoutStatus.of(results);
    }

    /** The summary's lines ({@link Summary}). */
    public List<String> summary() {
        return Summary.lines(results);
    }
}
