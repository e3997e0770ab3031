package dev.rshell.server.exec;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of Linux's process table, read from {@code /proc/PID/stat}: the fields needed to
 * find a process group's members and a process tree's descendants.
 *
 * <p>Why our own reader and not {@link ProcessHandle}: the JDK offers neither a process's
 * group nor its state, and it counts a zombie as alive. Zombies matter here: where PID 1 does
 * not reap orphans (some containers and micro-VMs), a killed orphan stays a zombie forever, and
 * "wait until it is gone" must treat it as gone.
 *
 * <p>Reading the table costs one small file read per process, so it is done only when ending
 * process trees and, amortized, when {@link ProcessTracker} prunes groups: never on a
 * command's normal path.
 *
 * <p>Thread safety: stateless; safe from any thread.
 */
final class ProcTable {

    /**
     * One process.
     *
     * @param pid        its id
     * @param state      the state letter ({@code R}, {@code S}, {@code D}, {@code Z}, ...)
     * @param ppid       its parent's id
     * @param pgrp       its process group
     * @param session    its session
     * @param startTicks when it started, in clock ticks since boot: with the pid, an identity
     *                   that survives pid reuse
     */
    record Proc(long pid, char state, long ppid, long pgrp, long session, long startTicks) {

        /** A zombie (or dead) process: it can't run, can't be signalled, holds nothing. */
        boolean gone() {
            return state == 'Z' || state == 'X' || state == 'x';
        }
    }

    /** True on Linux with a readable {@code /proc}; everything else here needs both. */
    static final boolean AVAILABLE = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
            .startsWith("linux") && new File("/proc/self/stat").canRead();

    private static final File PROC = new File("/proc");
    private static final int STAT_BUFFER = 1024;

    private ProcTable() {
    }

    /** Every process, zombies included, by pid; empty when {@link #AVAILABLE} is false. */
    static Map<Long, Proc> scan() {
        Map<Long, Proc> table = new HashMap<>();
        String[] names = AVAILABLE ? PROC.list() : null;
        if (names == null) {
            return table;
        }
        byte[] buffer = new byte[STAT_BUFFER];
        for (String name : names) {
            if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                // A process may end between list() and the read: it then is simply not there.
                read(name, buffer).ifPresent(proc -> table.put(proc.pid(), proc));
            }
        }
        return table;
    }

    /** One process, if it exists (a zombie does). */
    static Optional<Proc> read(long pid) {
        return AVAILABLE ? read(Long.toString(pid), new byte[STAT_BUFFER]) : Optional.empty();
    }

    private static Optional<Proc> read(String pid, byte[] buffer) {
        int length = 0;
        try (InputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            int n;
            while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return parse(new String(buffer, 0, length, StandardCharsets.ISO_8859_1));
    }

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself hold
     * spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static Optional<Proc> parse(String stat) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open <= 0 || close < open) {
            return Optional.empty();
        }
        String[] fields = stat.substring(close + 1).trim().split(" ");
        // fields[0] is field 3 (state); field k is fields[k - 3]; starttime is field 22.
        if (fields.length < 20 || fields[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Proc(
                    Long.parseLong(stat.substring(0, open).trim()),
                    fields[0].charAt(0),
                    Long.parseLong(fields[1]),
                    Long.parseLong(fields[2]),
                    Long.parseLong(fields[3]),
                    Long.parseLong(fields[19])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
