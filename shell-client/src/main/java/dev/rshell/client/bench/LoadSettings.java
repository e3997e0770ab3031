package dev.rshell.client.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * The load one run puts on a server: the same for rshell and for the baseline.
 *
 * @param clients   connections, each with its own client thread (and, for rshell, its own login)
 * @param requests  measured commands in all, shared evenly among the clients; 0 with a duration
 * @param duration  how long to send measured commands, or null to send {@code requests}
 * @param pipeline  commands in flight per connection
 * @param command   the command line sent
 * @param warmup    commands in all sent before measuring, shared among the clients
 * @param timeout   the longest wait for any command's {@code end}
 * @param exactCap  the most latencies kept exactly, over all clients
 */
record LoadSettings(int clients, long requests, Duration duration, int pipeline, String command, long warmup,
                    Duration timeout, long exactCap) {

    LoadSettings {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (clients < 1 || pipeline < 1 || requests < 0 || warmup < 0 || exactCap < 0) {
            throw new IllegalArgumentException("bad load settings");
        }
        if ((duration == null) == (requests == 0)) {
            throw new IllegalArgumentException("either requests or a duration");
        }
    }

    /** Client {@code i}'s (0-based) share of {@code total}. */
    static long share(long total, int clients, int i) {
        return total / clients + (i < total % clients ? 1 : 0);
    }
}
