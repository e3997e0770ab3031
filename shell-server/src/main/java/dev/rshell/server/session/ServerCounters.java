package dev.rshell.server.session;

import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters the sessions feed and {@code stats} reads. LongAdders: every session
 * adds to them on its hot path, and contended adds must stay cheap.
 *
 * <p>Thread safety: thread-safe.
 */
public final class ServerCounters {
    final LongAdder commandsRun = new LongAdder();
    final LongAdder commandsFailed = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();

    public long commandsRun() {
        return commandsRun.sum();
    }

    public long commandsFailed() {
        return commandsFailed.sum();
    }

    public long bytesIn() {
        return bytesIn.sum();
    }

    public long bytesOut() {
        return bytesOut.sum();
    }
}
