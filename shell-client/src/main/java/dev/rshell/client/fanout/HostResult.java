package dev.rshell.client.fanout;

import java.util.Objects;

/**
 * What one host's run came to.
 *
 * @param host       the host
 * @param outcome    how it ended
 * @param durationMs from the start of its connect to its end, in milliseconds (0 when it never started)
 */
public record HostResult(Host host, HostOutcome outcome, long durationMs) {
    public HostResult {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(outcome, "outcome");
    }
}
