package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code sysinfo}: several {@code key: value} lines about the host and the server's JVM:
 * host, os, cpus, load average, memory, one {@code disk MOUNT} line per mount point, jvm,
 * heap.
 *
 * <p>Disks are the default file system's stores; a store whose size can't be read is
 * skipped, and so are stores of size 0 (proc, sysfs, cgroup and the like), which would only
 * be noise. The mount point is taken from the store's description ({@code "/ (/dev/sda1)"}
 * on Linux), as the JDK offers no direct accessor.
 */
final class SysinfoCommand extends BuiltinCommand {

    private final SystemStats stats;
    private final Supplier<Iterable<FileStore>> stores;

    /**
     * @param stats  load and memory
     * @param stores the file stores to report; the default file system's outside tests
     */
    SysinfoCommand(SystemStats stats, Supplier<Iterable<FileStore>> stores) {
        super("sysinfo", "sysinfo", "show the host's OS, CPUs, load, memory, disks and JVM");
        this.stats = stats;
        this.stores = stores;
    }

    SysinfoCommand() {
        this(SystemStats.system(), () -> FileSystems.getDefault().getFileStores());
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        var out = context.output();
        out.out("host: " + context.server().hostName());
        out.out("os: " + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + " (" + System.getProperty("os.arch") + ")");
        out.out("cpus: " + Runtime.getRuntime().availableProcessors());
        out.out("load average: " + stats.loadAverage().orElse("unavailable"));
        out.out("memory: " + stats.memory()
                .map(m -> SystemStats.bytes(m.total()) + " total, "
                        + SystemStats.bytes(m.free()) + " free")
                .orElse("unavailable"));
        for (FileStore store : visibleStores(stores.get())) {
            checkInterrupted();
            long total;
            long free;
            try {
                total = store.getTotalSpace();
                free = store.getUsableSpace();
            } catch (IOException | SecurityException e) {
                continue;
            }
            if (total > 0) {
                out.out("disk " + printable(mountPoint(store)) + ": " + SystemStats.bytes(total)
                        + " total, " + SystemStats.bytes(free) + " free");
            }
        }
        out.out("jvm: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.vm.name") + ")");
        Runtime runtime = Runtime.getRuntime();
        out.out("heap: " + SystemStats.bytes(runtime.totalMemory() - runtime.freeMemory())
                + " used, " + SystemStats.bytes(runtime.maxMemory()) + " max");
        return 0;
    }

    /**
     * One store per mount point, the last mounted there: /proc/mounts lists a point again when
     * something is mounted over it (or bind-mounted twice), and only the last one is what a
     * path there reaches. Each is kept where its last entry was.
     */
    static List<FileStore> visibleStores(Iterable<FileStore> all) {
        Map<String, FileStore> byMountPoint = new LinkedHashMap<>();
        for (FileStore store : all) {
            String mountPoint = mountPoint(store);
            byMountPoint.remove(mountPoint);
            byMountPoint.put(mountPoint, store);
        }
        return List.copyOf(byMountPoint.values());
    }

    /** {@code "/boot (/dev/sda1)"} becomes {@code /boot}. */
    static String mountPoint(FileStore store) {
        String text = store.toString();
        int paren = text.lastIndexOf(" (");
        return paren > 0 && text.endsWith(")") ? text.substring(0, paren) : text;
    }
}
