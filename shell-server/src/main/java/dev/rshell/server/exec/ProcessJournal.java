package dev.rshell.server.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process groups this server started and that may still be alive, kept on disk so that a
 * server killed without a chance to clean up (SIGKILL, OOM killer, power cut of the JVM only)
 * ends them when it next starts on the same data directory.
 *
 * <p><b>Records.</b> One small file per process group, in a directory of the data directory,
 * named {@code PGID-START} and holding one line: the group's id, its leader's start time
 * (clock ticks since boot, field 22 of {@code /proc/PID/stat}), the boot id, and the pid and
 * start time of the server that wrote it. A record is written right after the program is
 * started and removed when the session's {@link ProcessTracker} drops the group: after it was
 * ended, or when a prune or the session's teardown finds it empty. It is not synced to disk: a
 * process killed keeps what it wrote in the page cache, and a machine that loses the page
 * cache has lost the processes too.
 *
 * <p><b>At start.</b> {@link #endOrphans} reads every record. One from an earlier boot, or
 * whose group has no member left, is removed. One written by a server that still runs (the
 * same pid with the same start time: two servers on one data directory) is left alone. Every
 * other group still alive is ended as a session's would be (TERM, up to the grace, KILL, over
 * the group and every descendant of its members), and its record removed.
 *
 * <p><b>Telling a reused pid apart.</b> A live leader counts only with the recorded start
 * time. Once the leader is gone, Linux keeps its pid out of use while any process is still in
 * a group or session named after it, so members found under that id are the group's own; a
 * process that now holds the pid with another start time proves that the group had emptied
 * first, and nothing is signalled. Members must also have started no earlier than the leader.
 *
 * <p>Without {@code /proc} and {@code setsid} there are no groups to find: the journal is
 * {@link #disabled()} and records nothing.
 *
 * <p>Thread safety: thread-safe; records are independent files, each written and removed once.
 */
public final class ProcessJournal {

    /** The directory of records, inside the data directory. */
    public static final String DIRECTORY = "processes";

    private static final String MAGIC = "rshell-process-group";
    private static final ProcessJournal DISABLED = new ProcessJournal(null, "", 0, 0);

    private final Path dir;
    private final String bootId;
    private final long serverPid;
    private final long serverStart;
    private final AtomicBoolean warned = new AtomicBoolean();

    /** What {@link #endOrphans} did. */
    public record Ended(List<Long> groups, int processes, boolean allGone) {

        /** For the audit log: the group ids and how many processes they held. */
        public String describe() {
            return groups.size() + " process group" + (groups.size() == 1 ? "" : "s") + " (pgid "
                    + String.join(", ", groups.stream().map(String::valueOf).toList()) + "), "
                    + processes + " process" + (processes == 1 ? "" : "es")
                    + (allGone ? "" : "; some survived KILL");
        }
    }

    /** A group's record; {@link #release()} removes it, once. */
    public static final class Record {
        static final Record NONE = new Record(null);
        private final Path file;
        private final AtomicBoolean released = new AtomicBoolean();

        private Record(Path file) {
            this.file = file;
        }

        /** The group is known to have ended: its record goes. Idempotent. */
        void release() {
            if (file != null && released.compareAndSet(false, true)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A record left behind costs a look at the next start, nothing more.
                }
            }
        }
    }

    private ProcessJournal(Path dir, String bootId, long serverPid, long serverStart) {
        this.dir = dir;
        this.bootId = bootId;
        this.serverPid = serverPid;
        this.serverStart = serverStart;
    }

    /** A journal that records nothing and finds no orphans. */
    public static ProcessJournal disabled() {
        return DISABLED;
    }

    /**
     * The journal in {@code dataDir}, its directory created if need be. Where process groups
     * are not used, or the directory can't be made, the journal is disabled (the latter with
     * one line on stderr saying what is lost).
     */
    public static ProcessJournal open(Path dataDir) {
        if (!OsCommandRunner.usesProcessGroups()) {
            return DISABLED;
        }
        Path dir = dataDir.resolve(DIRECTORY);
        Optional<ProcTable.Proc> self = ProcTable.read(ProcessHandle.current().pid());
        try {
            Files.createDirectories(dir);
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
            if (self.isEmpty() || boot.isEmpty()) {
                return DISABLED;
            }
            return new ProcessJournal(dir, boot, self.get().pid(), self.get().startTicks());
        } catch (IOException e) {
            System.err.println("rshell-server: warning: can't keep records of OS processes in " + dir + " ("
                    + e.getMessage() + "): commands left running by a crash won't be ended at the next start");
            return DISABLED;
        }
    }

    /** True when records are kept. */
    public boolean enabled() {
        return dir != null;
    }

    /** Records the group {@code process} leads; {@link Record#NONE} when disabled or it failed. */
    Record record(Process process) {
        if (dir == null) {
            return Record.NONE;
        }
        long pgid = process.pid();
        Optional<ProcTable.Proc> leader = ProcTable.read(pgid);
        if (leader.isEmpty()) {
            return Record.NONE; // already gone and reaped: nothing can be left of it but orphans
        }
        long start = leader.get().startTicks();
        Path file = dir.resolve(pgid + "-" + start);
        String line = MAGIC + " 1 pgid=" + pgid + " start=" + start + " boot=" + bootId + " server="
                + serverPid + " server-start=" + serverStart + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.US_ASCII);
            return new Record(file);
        } catch (IOException e) {
            if (warned.compareAndSet(false, true)) {
                System.err.println("rshell-server: warning: can't record OS process group " + pgid + " in " + dir
                        + " (" + e.getMessage() + "); further failures are not reported");
            }
            return Record.NONE;
        }
    }

    /** How many records there are (for tests). */
    int size() throws IOException {
        if (dir == null) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return (int) files.count();
        }
    }

    /**
     * Ends the groups that earlier runs of the server left behind (see the class comment) and
     * removes their records. Blocks for about {@code grace} at most, plus a little when
     * something survives TERM. An interrupt cuts the grace short and is kept in the thread's
     * interrupted status.
     */
    public Ended endOrphans(Duration grace) {
        if (dir == null) {
            return new Ended(List.of(), 0, true);
        }
        Map<Long, ProcTable.Proc> table = ProcTable.scan();
        List<Path> done = new ArrayList<>();
        Map<Long, Long> groups = new HashMap<>(); // pgid -> leader's start ticks
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Map<String, String> fields = parse(file);
                if (fields == null || !bootId.equals(fields.get("boot"))) {
                    done.add(file); // unreadable, or from before a reboot: its processes are gone
                    continue;
                }
                long owner = number(fields.get("server"));
                long ownerStart = number(fields.get("server-start"));
                ProcTable.Proc ownerProc = table.get(owner);
                if (owner != serverPid && ownerProc != null && !ownerProc.gone()
                        && ownerProc.startTicks() == ownerStart) {
                    continue; // another server, still running, uses this data directory
                }
                long pgid = number(fields.get("pgid"));
                long start = number(fields.get("start"));
                if (pgid > 1 && start >= 0 && groupLives(table, pgid, start)) {
                    groups.put(pgid, start);
                }
                done.add(file);
            }
        } catch (IOException e) {
            System.err.println("rshell-server: warning: can't read the records of OS processes in " + dir
                    + " (" + e.getMessage() + "); processes a crash left running were not looked for");
            return new Ended(List.of(), 0, true);
        }
        int processes = 0;
        for (ProcTable.Proc proc : table.values()) {
            Long start = groups.get(proc.pgrp());
            if (start != null && !proc.gone() && proc.startTicks() >= start) {
                processes++;
            }
        }
        TreeKiller.Outcome outcome = groups.isEmpty() ? new TreeKiller.Outcome(true, false)
                : TreeKiller.terminateGroups(groups, grace);
        if (outcome.interrupted()) {
            Thread.currentThread().interrupt();
        }
        if (outcome.allGone()) {
            for (Path file : done) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Looked at again next time.
                }
            }
        }
        return new Ended(groups.keySet().stream().sorted().toList(), processes, outcome.allGone());
    }

    /** Whether group {@code pgid}, whose leader started at {@code start}, has a live member. */
    static boolean groupLives(Map<Long, ProcTable.Proc> table, long pgid, long start) {
        ProcTable.Proc holder = table.get(pgid);
        if (holder != null && holder.startTicks() != start) {
            return false; // the pid was reused, which Linux does only once the group has emptied
        }
        for (ProcTable.Proc proc : table.values()) {
            if (proc.pgrp() == pgid && !proc.gone() && proc.startTicks() >= start) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> parse(Path file) {
        String text;
        try {
            if (Files.size(file) > 1024) {
                return null;
            }
            text = Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
        String[] words = text.split(" ");
        if (words.length < 2 || !words[0].equals(MAGIC) || !words[1].equals("1")) {
            return null;
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 2; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq > 0) {
                fields.put(words[i].substring(0, eq), words[i].substring(eq + 1));
            }
        }
        return fields;
    }

    private static long number(String text) {
        try {
            return text == null ? -1 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
