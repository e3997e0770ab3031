package dev.rshell.client.bench;

/**
 * {@code --sessions}: the server's {@code stats} readings before the idle sessions were opened,
 * once they were all open (before the load), and after the load (still open).
 *
 * @param sessions the idle sessions held
 * @param lost     of those, how many the server closed during the run
 * @param retried  opens of idle sessions that failed and were tried again (see {@link IdleSessions})
 */
record SessionFigures(int sessions, int lost, int retried, ServerStats.Reading before, ServerStats.Reading open,
                      ServerStats.Reading after) {

    /** Resident memory per idle session (open minus before, divided), or null when unknown. */
    Double bytesPerSession() {
        if (sessions > 0 && before instanceof ServerStats.Reading.Available b
                && open instanceof ServerStats.Reading.Available o) {
            return (o.residentBytes() - b.residentBytes()) / (double) sessions;
        }
        return null;
    }

    /** Threads per idle session (open minus before, divided), or null when unknown. */
    Double threadsPerSession() {
        if (sessions > 0 && before instanceof ServerStats.Reading.Available b
                && open instanceof ServerStats.Reading.Available o) {
            return (o.threads() - b.threads()) / (double) sessions;
        }
        return null;
    }

    /** Why the figures are missing, or null when the first reading had them. */
    String unavailableReason() {
        return before instanceof ServerStats.Reading.Unavailable u ? u.why() : null;
    }
}
