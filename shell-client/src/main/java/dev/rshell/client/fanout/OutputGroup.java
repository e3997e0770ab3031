package dev.rshell.client.fanout;

import java.util.List;

/**
 * Hosts whose gathered output (stdout and stderr lines, in order) and outcome are the same.
 *
 * @param hosts   the hosts, sorted ({@link HostOrder} by label)
 * @param lines   their output
 * @param cut     whether the output was cut at the gather limit
 * @param outcome the outcome of the first host (all have its kind and status)
 */
public record OutputGroup(List<Host> hosts, List<GatheredLine> lines, boolean cut, HostOutcome outcome) {
    public OutputGroup {
        hosts = List.copyOf(hosts);
        lines = List.copyOf(lines);
    }

    /** The hosts as a folded range set: {@code web[01-05,07]}. */
    public String folded() {
        return HostFolding.fold(hosts.stream().map(Host::label).toList());
    }

    /**
     * What sets the group apart besides its output, for its header: empty when ok;
     * {@code status 3}, {@code timed out}, {@code interrupted}, ...
     */
    public String note() {
        HostOutcome o = outcome;
        if (o instanceof HostOutcome.Ok) {
            return "";
        }
        if (o instanceof HostOutcome.Failed f) {
            return "status " + f.status();
        }
        return o.kind().word();
    }
}
