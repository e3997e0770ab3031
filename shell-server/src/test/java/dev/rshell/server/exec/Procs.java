package dev.rshell.server.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks at processes through {@code /proc} for tests, independently of the code under test.
 * "Gone" is absent or a zombie: in some containers and VMs PID 1 never reaps orphans.
 */
final class Procs {

    private Procs() {
    }

    /** Fields 3 onwards of /proc/PID/stat (index 0 = state, 1 = ppid, 2 = pgrp, 3 = session). */
    static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static boolean gone(long pid) {
        String[] fields = stat(pid);
        return fields == null || fields[0].equals("Z") || fields[0].equals("X");
    }

    /** Live (non-zombie) members of process group {@code pgid}. */
    static List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .forEach(pid -> {
                        String[] fields = stat(pid);
                        if (fields != null && !fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid) {
                            members.add(pid);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return members;
    }

    /** Waits until every pid is gone; true if they all went within {@code limit}. */
    static boolean awaitGone(Collection<Long> pids, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (pids.stream().allMatch(Procs::gone)) {
                return true;
            }
            Thread.sleep(10);
        }
        return pids.stream().allMatch(Procs::gone);
    }

    /** Kills whatever of {@code pids} is left (test clean-up of last resort). */
    static void kill(Collection<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
