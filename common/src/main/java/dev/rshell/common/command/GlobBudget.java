package dev.rshell.common.command;

/**
 * The work one command line may spend on globbing. A pattern that descends several levels
 * of {@code *}, or a huge directory, could otherwise make one line read the whole disk or
 * build an argv of millions of words. Going over a limit fails the line rather than
 * truncating the matches: a command silently run on a subset of the files it names is worse
 * than one that doesn't run.
 *
 * <p>One instance per line; not thread safe (it is never shared).
 */
final class GlobBudget {

    /** Words globs may produce on one line. */
    static final int MAX_MATCHES = 10_000;
    /** Directory entries (and existence checks) globs may read on one line. */
    static final int MAX_ENTRIES = 100_000;
    /** Pattern-matching steps on one line, so matching cost can't grow as patterns × names. */
    static final long MAX_STEPS = 50_000_000L;

    static final String TOO_MANY_MATCHES =
            "glob matches too many files (limit: " + MAX_MATCHES + " words per line)";
    static final String TOO_MANY_ENTRIES =
            "glob reads too many directory entries (limit: " + MAX_ENTRIES + " per line)";
    static final String TOO_MANY_STEPS =
            "glob pattern too costly to match (limit: " + MAX_STEPS + " steps per line)";

    private final int maxMatches;
    private final int maxEntries;
    private final long maxSteps;
    private int matches;
    private int entries;
    private long steps;

    GlobBudget() {
        this(MAX_MATCHES, MAX_ENTRIES, MAX_STEPS);
    }

    /** Smaller limits, so tests can reach them without thousands of files. */
    GlobBudget(int maxMatches, int maxEntries, long maxSteps) {
        this.maxMatches = maxMatches;
        this.maxEntries = maxEntries;
        this.maxSteps = maxSteps;
    }

    /** One more directory entry read or path checked. */
    void entry() throws SyntaxFailure {
        if (++entries > maxEntries) {
            throw new SyntaxFailure(TOO_MANY_ENTRIES);
        }
    }

    /** {@code count} candidate paths exist at once (intermediate or final). */
    void candidates(int count) throws SyntaxFailure {
        if (count > maxMatches) {
            throw new SyntaxFailure(TOO_MANY_MATCHES);
        }
    }

    /** {@code count} more final words. */
    void matches(int count) throws SyntaxFailure {
        matches += count;
        if (matches > maxMatches) {
            throw new SyntaxFailure(TOO_MANY_MATCHES);
        }
    }

    void steps(long count) throws SyntaxFailure {
        steps += count;
        if (steps > maxSteps) {
            throw new SyntaxFailure(TOO_MANY_STEPS);
        }
    }
}
