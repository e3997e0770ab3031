package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a server process holds, read from outside as an operator would: threads and file
 * descriptors from {@code /proc}, thread stacks and the heap after a full collection from the
 * JDK's {@code jcmd}.
 */
final class ServerFigures {

    /** A generation's line of {@code GC.heap_info}: {@code tenured generation total 10944K, used 5000K}. */
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private ServerFigures() {
    }

    static int threads(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("Threads:")) {
                return Integer.parseInt(l.substring("Threads:".length()).trim());
            }
        }
        throw new AssertionError("no Threads: in /proc/" + pid + "/status");
    }

    static int fds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    /** Thread names and how many of each, for failure messages. */
    static String threadNames(long pid) throws IOException {
        Map<String, Integer> names = new TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) s::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim(), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return names.toString();
    }

    /** True while {@code pid} exists and is not a zombie. */
    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    /**
     * One thread dump, counted.
     *
     * @param all         every thread in the dump, the JVM's own included
     * @param idleWorkers pool workers parked waiting for a task
     * @param busyServer  the names of the server's own threads ({@code rshell-*}) that are not
     *                    idle workers, sorted
     */
    record ThreadCensus(int all, int idleWorkers, List<String> busyServer) {
        /** Threads that are not idle pool workers. */
        int notIdle() {
            return all - idleWorkers;
        }
    }

    /**
     * Counts the threads of a dump ({@code jcmd Thread.print}). The pools keep idle workers for
     * 30 s for reuse, so the plain thread count stays up that long after a burst; a thread left
     * behind by a session (blocked in a read, a lock, a sleep), or started and never ended, is
     * never parked in a pool's {@code getTask} and counts as not idle at once.
     */
    static ThreadCensus threadCensus(long pid) throws IOException, InterruptedException {
        String dump = jcmd(pid, "Thread.print");
        int all = 0;
        int idle = 0;
        List<String> busy = new ArrayList<>();
        for (String block : dump.split("\n\n")) {
            String header = block.strip();
            if (!header.startsWith("\"")) {
                continue;
            }
            all++;
            if (block.contains("java.util.concurrent.ThreadPoolExecutor.getTask")) {
                idle++;
            } else if (header.startsWith("\"rshell-")) {
                busy.add(header.substring(1, header.indexOf('"', 1)));
            }
        }
        busy.sort(null);
        return new ThreadCensus(all, idle, busy);
    }

    /**
     * Bytes of heap in use right after two full collections ({@code GC.run} twice: objects
     * freed by a cleaner or finalizer in the first go in the second). The sum of every
     * generation's "used" in {@code GC.heap_info}.
     */
    static long heapUsedAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        long kib = 0;
        boolean any = false;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            any = true;
        }
        assertTrue(any, "no 'total NK, used NK' line in GC.heap_info: " + info);
        return kib * 1024;
    }

    /** Runs {@code jcmd PID COMMAND} of the JDK the server runs on and answers its output. */
    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Launcher.Result r = Launcher.run(List.of(jcmdOf(pid).toString(), String.valueOf(pid), command),
                Map.of(), null, 60);
        assertTrue(r.status() == 0, "jcmd " + command + " failed (" + r.status() + "): " + r.out() + r.err());
        return r.out();
    }

    /** The {@code jcmd} beside the server's {@code java}: another JDK's may not attach. */
    private static Path jcmdOf(long pid) {
        String java = ProcessHandle.of(pid).flatMap(p -> p.info().command())
                .orElseThrow(() -> new AssertionError("can't see the command of process " + pid));
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        assertTrue(Files.isExecutable(jcmd), "the tests need the JDK's jcmd beside " + java);
        return jcmd;
    }
}
