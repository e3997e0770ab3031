package dev.rshell.server.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OS processes one session started, so that none outlives the session however it ends.
 *
 * <p>{@link OsCommandRunner} registers every process it starts. With process groups (Linux,
 * see {@link OsCommandRunner}) an entry stands for the whole group the process leads, and it
 * stays after the main process exits: a command such as {@code sh -c 'sleep 100 &'} returns
 * while its background child lives on in the group, and {@link #killAll} must still end it.
 * Entries are dropped when their process tree is known to have ended: after the runner killed
 * it, or when a prune finds the group empty. Pruning reads the process table, so it runs
 * amortized, when the number of exited-leader entries reaches a threshold that doubles with the
 * number of groups found still alive (no per-command cost; memory bounded by the groups that
 * really are alive). Without process groups only running processes are kept: once the main
 * process has exited its orphans can't be found any more (see {@link OsCommandRunner}).
 *
 * <p>Each entry's record in the server's {@link ProcessJournal} is removed when the entry is
 * dropped because its tree has ended; one that survived KILL keeps its record.
 *
 * <p>{@link #killAll} is the session's teardown: it ends every tracked tree (TERM, wait up to
 * the grace, KILL) and closes the tracker; a process registered afterwards is refused, and its
 * runner kills it at once.
 *
 * <p>Thread safety: thread-safe. The foreground runner, background jobs and the closing thread
 * may call it concurrently; the process table is read and processes are signalled outside the
 * lock.
 */
public final class ProcessTracker {

    /** One started process, and with it its process group when it leads one. */
    static final class Entry {
        final Process process;
        final long pid;
        final boolean ownGroup;
        /** The group's record in the server's journal: removed when the entry is dropped. */
        final ProcessJournal.Record record;
        /** Set once the main process has exited; guarded by the tracker's lock. */
        boolean leaderExited;

        Entry(Process process, boolean ownGroup) {
            this(process, ownGroup, ProcessJournal.Record.NONE);
        }

        Entry(Process process, boolean ownGroup, ProcessJournal.Record record) {
            this.process = process;
            this.pid = process.pid();
            this.ownGroup = ownGroup;
            this.record = record;
        }

        /**
         * Whether the group this entry led may still have members, by a table from
         * {@link ProcTable#scan()}. Once the leader is reaped, a live process with the leader's
         * pid means the pid was reused, which Linux does only after the group has emptied.
         */
        boolean groupMayLive(Map<Long, ProcTable.Proc> table, Set<Long> liveGroups) {
            if (process.isAlive()) {
                return true;
            }
            return ownGroup && !table.containsKey(pid) && liveGroups.contains(pid);
        }
    }

    /** Exited-leader entries allowed before the first prune. */
    static final int MIN_PRUNE_AT = 64;

    private final Object lock = new Object();
    private final Set<Entry> entries = new LinkedHashSet<>();
    private int exitedLeaders;
    private int pruneAt = MIN_PRUNE_AT;
    private boolean pruning;
    private boolean closed;

    /** An empty, open tracker. */
    public ProcessTracker() {
    }

    /**
     * Records a started process; false when the tracker was closed by {@link #killAll}, in
     * which case the caller must end the process itself.
     */
    boolean register(Entry entry) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            entries.add(entry);
            return true;
        }
    }

    /** The entry's main process has exited; keeps the entry only while its group may live. */
    void exited(Entry entry) {
        List<Entry> toCheck;
        synchronized (lock) {
            if (!entries.contains(entry)) {
                return;
            }
            if (!entry.ownGroup) {
                remove(entry);
                entry.record.release();
                return;
            }
            if (!entry.leaderExited) {
                entry.leaderExited = true;
                exitedLeaders++;
            }
            if (exitedLeaders < pruneAt || pruning) {
                return;
            }
            pruning = true;
            toCheck = new ArrayList<>();
            for (Entry e : entries) {
                if (e.leaderExited) {
                    toCheck.add(e);
                }
            }
        }
        prune(toCheck);
    }

    /** The entry's whole tree is known to have ended. */
    void forget(Entry entry) {
        synchronized (lock) {
            remove(entry);
        }
        entry.record.release();
    }

    /**
     * Ends every tracked process tree: SIGTERM to each process of each group and to every
     * known descendant, up to {@code grace} for them to go, then SIGKILL; then closes the
     * tracker. Blocks for about {@code grace} at most, plus a little when something survives
     * TERM. Never throws; an interrupt while waiting cuts the grace short (straight to KILL)
     * and is kept in the thread's interrupted status.
     *
     * @param grace how long processes may take to end after TERM
     * @return true when every tracked process is known to have ended (false: some survived
     *     KILL, e.g. another user's setuid program, or a process stuck in the kernel)
     */
    public boolean killAll(Duration grace) {
        List<Entry> all;
        synchronized (lock) {
            closed = true;
            all = new ArrayList<>(entries);
        }
        if (all.isEmpty()) {
            return true;
        }
        TreeKiller.Outcome outcome = TreeKiller.terminate(all, grace);
        synchronized (lock) {
            all.forEach(this::remove);
        }
        if (outcome.allGone()) {
            // Survivors of KILL keep their records: the next start looks at them again.
            all.forEach(e -> e.record.release());
        }
        if (outcome.interrupted()) {
            Thread.currentThread().interrupt();
        }
        return outcome.allGone();
    }

    /** How many process trees are tracked (running, or exited with a group that may live). */
    public int size() {
        synchronized (lock) {
            return entries.size();
        }
    }

    /** The tracked main processes' pids (for tests and diagnostics). */
    List<Long> pids() {
        synchronized (lock) {
            List<Long> pids = new ArrayList<>();
            entries.forEach(e -> pids.add(e.pid));
            return pids;
        }
    }

    private void prune(List<Entry> toCheck) {
        List<Entry> ended = new ArrayList<>();
        try {
            Map<Long, ProcTable.Proc> table = ProcTable.scan();
            Set<Long> liveGroups = TreeKiller.liveGroups(table);
            for (Entry e : toCheck) {
                if (!e.groupMayLive(table, liveGroups)) {
                    ended.add(e);
                }
            }
        } finally {
            ended.forEach(e -> e.record.release());
            synchronized (lock) {
                ended.forEach(this::remove);
                // Groups still alive after a prune are counted in the next threshold, so a
                // session with many long-lived leftovers doesn't rescan after every command.
                pruneAt = Math.max(MIN_PRUNE_AT, 2 * exitedLeaders);
                pruning = false;
            }
        }
    }

    /** Caller holds the lock. */
    private void remove(Entry entry) {
        if (entries.remove(entry) && entry.leaderExited) {
            exitedLeaders--;
        }
    }
}
