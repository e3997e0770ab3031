package dev.rshell.server.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Ends process trees: SIGTERM, up to a grace for them to go, then SIGKILL.
 *
 * <p>What is ended, for each {@link ProcessTracker.Entry}: the main process while it runs;
 * every member of the process group it leads (found by {@code pgrp} in {@code /proc}, so
 * orphans whose parent already exited are found too); and every descendant of those, by
 * parent pid, which catches children that moved to a group of their own ({@code setsid},
 * a job-control shell) as long as their parent is still there. Without {@code /proc} (not
 * Linux) it falls back to the JDK's {@link Process#descendants()} of a still-running main
 * process.
 *
 * <p>How: {@link ProcessHandle#destroy()} / {@link ProcessHandle#destroyForcibly()} on each
 * process found, rather than running {@code kill -TERM -- -PGID}. It spawns nothing, so it
 * still works when the process table or the user's process limit is full (a fork bomb is
 * exactly when ending a tree matters most and when spawning {@code kill} would fail); and the
 * JDK checks a process's start time before signalling it, so a pid reused meanwhile is never
 * hit. What a group signal would give for free, catching a child forked between our look at
 * the table and the signal, we get by looking again: every pass signals what is new, and the
 * KILL phase repeats until nothing is left.
 *
 * <p>"Gone" means absent from the table or a zombie: a zombie can't run, and where PID 1 does
 * not reap orphans a killed orphan stays a zombie for good.
 *
 * <p>Thread safety: stateless; safe from any thread. Each call waits on its own thread.
 */
final class TreeKiller {

    /**
     * What {@link #terminate} achieved.
     *
     * @param allGone     every process found has gone
     * @param interrupted the calling thread was interrupted while waiting (the grace was cut
     *                    short); the interrupted status is then clear and the caller decides
     */
    record Outcome(boolean allGone, boolean interrupted) {
    }

    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long KILL_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** KILL can't be caught; rounds only chase children forked meanwhile, or slow exits. */
    private static final int KILL_ROUNDS = 40;
    private static final long SELF = ProcessHandle.current().pid();

    /** A process to signal; {@code key} tells it apart from a later process with its pid. */
    private record Target(Object key, long pid, ProcessHandle handle) {

        void signal(boolean force) {
            ProcessHandle h = handle != null ? handle : ProcessHandle.of(pid).orElse(null);
            if (h == null || h.pid() == SELF) {
                return;
            }
            // Fails quietly (false) for a process that is gone or not ours to signal.
            if (force) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
    }

    private TreeKiller() {
    }

    /**
     * Ends every tree of {@code entries}: TERM now, KILL after {@code grace} (or at once when
     * interrupted meanwhile). Returns when all have gone or KILL could do no more.
     */
    static Outcome terminate(Collection<ProcessTracker.Entry> entries, Duration grace) {
        return terminate(() -> ProcTable.AVAILABLE ? collectFromProc(entries) : collectFromJdk(entries), grace);
    }

    /**
     * Ends process groups no {@link Process} of ours stands for (a crashed server's, found in
     * its {@link ProcessJournal}), as {@link #terminate(Collection, Duration)} does: every
     * member of each group, by {@code pgrp}, that started no earlier than its leader did, and
     * every descendant of those. Needs {@code /proc}.
     *
     * @param groups each group's id and its leader's start time, in clock ticks since boot
     */
    static Outcome terminateGroups(Map<Long, Long> groups, Duration grace) {
        return terminate(() -> collectGroups(groups), grace);
    }

    private static Outcome terminate(Supplier<List<Target>> collect, Duration grace) {
        boolean interrupted = Thread.interrupted();
        Set<Object> termed = new HashSet<>();
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            List<Target> targets = collect.get();
            if (targets.isEmpty()) {
                return new Outcome(true, interrupted);
            }
            for (Target target : targets) {
                if (termed.add(target.key())) {
                    target.signal(false);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || interrupted) {
                break;
            }
            interrupted = pause(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Target> targets = collect.get();
            if (targets.isEmpty()) {
                return new Outcome(true, interrupted);
            }
            targets.forEach(target -> target.signal(true));
            interrupted |= pause(KILL_PAUSE_NANOS);
        }
        return new Outcome(collect.get().isEmpty(), interrupted);
    }

    /** The process groups that have at least one member that is not a zombie. */
    static Set<Long> liveGroups(Map<Long, ProcTable.Proc> table) {
        Set<Long> groups = new HashSet<>();
        for (ProcTable.Proc proc : table.values()) {
            if (!proc.gone()) {
                groups.add(proc.pgrp());
            }
        }
        return groups;
    }

    private static List<Target> collectFromProc(Collection<ProcessTracker.Entry> entries) {
        Map<Long, ProcTable.Proc> table = ProcTable.scan();
        Set<Long> roots = new HashSet<>();
        Map<Long, Long> groups = new HashMap<>();
        for (ProcessTracker.Entry entry : entries) {
            boolean leaderAlive = entry.process.isAlive();
            if (leaderAlive) {
                roots.add(entry.pid);
            }
            // A reaped leader whose pid is in use again means its group has emptied (Linux
            // keeps a pid unused while a group is named after it): never signal by that id then.
            if (entry.ownGroup && (leaderAlive || !table.containsKey(entry.pid))) {
                groups.put(entry.pid, 0L);
            }
        }
        return collectFromTable(table, roots, groups);
    }

    private static List<Target> collectGroups(Map<Long, Long> recorded) {
        Map<Long, ProcTable.Proc> table = ProcTable.scan();
        Map<Long, Long> groups = new HashMap<>();
        for (Map.Entry<Long, Long> group : recorded.entrySet()) {
            ProcTable.Proc holder = table.get(group.getKey());
            // As above: a pid held by a process with another start time is a new process.
            if (holder == null || holder.startTicks() == group.getValue()) {
                groups.put(group.getKey(), group.getValue());
            }
        }
        return collectFromTable(table, Set.of(), groups);
    }

    /**
     * The processes to signal: {@code roots} by pid, members of {@code groups} (id to the
     * earliest start time a member may have) by {@code pgrp}, and every descendant of those.
     */
    private static List<Target> collectFromTable(Map<Long, ProcTable.Proc> table, Set<Long> roots,
            Map<Long, Long> groups) {
        Map<Long, List<ProcTable.Proc>> children = new HashMap<>();
        List<ProcTable.Proc> found = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ProcTable.Proc proc : table.values()) {
            if (proc.gone() || proc.pid() <= 1 || proc.pid() == SELF) {
                continue;
            }
            children.computeIfAbsent(proc.ppid(), k -> new ArrayList<>()).add(proc);
            Long earliest = groups.get(proc.pgrp());
            boolean member = earliest != null && proc.startTicks() >= earliest;
            if ((roots.contains(proc.pid()) || member) && seen.add(proc.pid())) {
                found.add(proc);
            }
        }
        for (int i = 0; i < found.size(); i++) {
            for (ProcTable.Proc child : children.getOrDefault(found.get(i).pid(), List.of())) {
                if (seen.add(child.pid())) {
                    found.add(child);
                }
            }
        }
        List<Target> targets = new ArrayList<>(found.size());
        for (ProcTable.Proc proc : found) {
            targets.add(new Target(List.of(proc.pid(), proc.startTicks()), proc.pid(), null));
        }
        return targets;
    }

    private static List<Target> collectFromJdk(Collection<ProcessTracker.Entry> entries) {
        List<Target> targets = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (ProcessTracker.Entry entry : entries) {
            if (entry.process.isAlive() && seen.add(entry.pid)) {
                targets.add(new Target(entry.pid, entry.pid, entry.process.toHandle()));
            }
            // Empty once the main process has exited: its orphans were re-parented.
            entry.process.descendants().filter(ProcessHandle::isAlive).forEach(h -> {
                if (seen.add(h.pid())) {
                    targets.add(new Target(h.pid(), h.pid(), h));
                }
            });
        }
        return targets;
    }

    /** Sleeps; true when interrupted (the status is then clear: the caller records it). */
    private static boolean pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }
}
