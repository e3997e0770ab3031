package dev.rshell.server.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link AuditLogCrashTest}; never closes its log.
 *
 * <ul>
 *   <li>{@code halt FILE N}: records N events on one thread, then halts the JVM right after
 *       the last {@code record} returns (no shutdown hooks, no close).</li>
 *   <li>{@code acks FILE THREADS}: THREADS threads record events without end, printing
 *       {@code ack T/N} after each {@code record} returns, until the parent kills the process
 *       (or a minute passes, so a lost parent leaves nothing behind).</li>
 * </ul>
 */
public final class AuditCrashChild {

    private AuditCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        int n = Integer.parseInt(args[2]);
        AuditLog log = new AuditLog(file);
        if (args[0].equals("halt")) {
            for (int i = 0; i < n; i++) {
                log.record(AuditLogTest.event(0, i));
            }
            Runtime.getRuntime().halt(3);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        long end = System.nanoTime() + 60_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; System.nanoTime() < end; i++) {
                    log.record(AuditLogTest.event(id, i));
                    out.println("ack " + id + "/" + i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Runtime.getRuntime().halt(4);
    }
}
