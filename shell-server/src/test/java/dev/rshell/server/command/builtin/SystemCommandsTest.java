package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileStoreAttributeView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** uptime, sysinfo and the statistics behind them. */
@Timeout(20)
class SystemCommandsTest {

    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path home;

    @TempDir
    Path proc;

    private SystemStats fakeStats(String loadavg, String meminfo) throws IOException {
        if (loadavg != null) {
            Files.writeString(proc.resolve("loadavg"), loadavg);
        }
        if (meminfo != null) {
            Files.writeString(proc.resolve("meminfo"), meminfo);
        }
        return new SystemStats(proc, null);
    }

    private SystemStats hostStats(String uptime, String loadavg) throws IOException {
        Files.deleteIfExists(proc.resolve("uptime"));
        Files.deleteIfExists(proc.resolve("loadavg"));
        if (uptime != null) {
            Files.writeString(proc.resolve("uptime"), uptime);
        }
        return fakeStats(loadavg, null);
    }

    /** The one line of {@code uptime ARGS} at 21:03:04 UTC, with {@code users} logged in. */
    private String uptime(SystemStats stats, int users, String... args) throws Exception {
        FakeContext context = new FakeContext(home);
        for (int i = 1; i <= users; i++) {
            context.control.session(i, "user" + i, "127.0.0.1:" + (40000 + i), STARTED, Duration.ZERO, null);
        }
        context.control.session(99, null, "127.0.0.1:50000", STARTED, Duration.ZERO, null); // not logged in
        Clock clock = Clock.fixed(Instant.parse("2026-01-05T21:03:04Z"), ZoneOffset.UTC);
        assertEquals(0, context.run(new UptimeCommand(clock, stats), args));
        assertEquals(1, context.out.size(), context.out.toString());
        return context.out.get(0);
    }

    @Test
    void uptimeIsTheHostsAsProcpsPrintsIt() throws Exception {
        // 3 days, 2:11 and some seconds, from /proc/uptime's first field.
        SystemStats stats = hostStats("267096.42 500000.00\n", "0.10 0.20 0.30 1/234 5678\n");
        assertEquals(" 21:03:04 up 3 days,  2:11,  2 users,  load average: 0.10, 0.20, 0.30",
                uptime(stats, 2));
    }

    @Test
    void uptimeDurationsUsersAndMissingFigures() throws Exception {
        assertEquals(" 21:03:04 up 5 min,  1 user,  load average: 1.00, 2.00, 3.00",
                uptime(hostStats("300.00 1.00\n", "1.00 2.00 3.00 1/1 1\n"), 1));
        assertEquals(" 21:03:04 up 1 day, 23:59,  0 users,  load average: 1.00, 2.00, 3.00",
                uptime(hostStats("172799 1\n", "1.00 2.00 3.00 1/1 1\n"), 0));
        assertEquals(" 21:03:04 up 1 day, 0 min,  0 users,  load average: unavailable",
                uptime(hostStats("86400.5 1\n", null), 0));
        assertEquals(" 21:03:04 up unavailable,  0 users,  load average: unavailable",
                uptime(hostStats(null, null), 0));
        assertEquals(" 21:03:04 up unavailable,  0 users,  load average: unavailable",
                uptime(hostStats("garbage\n", "garbage here now\n"), 0));
    }

    @Test
    void uptimePrettyAndSince() throws Exception {
        SystemStats stats = hostStats("788520.00 1\n", null); // 1 week, 2 days, 3 hours, 2 minutes
        assertEquals("up 1 week, 2 days, 3 hours, 2 minutes", uptime(stats, 0, "-p"));
        assertEquals("2025-12-27 18:01:04", uptime(stats, 0, "-s"));
        assertEquals("up 1 minute", UptimeCommand.pretty(Duration.ofSeconds(61)));
        assertEquals("up 0 minutes", UptimeCommand.pretty(Duration.ofSeconds(59)));
    }

    @Test
    void uptimeRejectsOtherOptionsAndArguments() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("uptime", "-x"));
        assertEquals(List.of("uptime: invalid option -- 'x'; the built-in uptime has -p -s"
                + "; the OS program uptime is not available: OS programs can't be run here"), context.err);
        context.err.clear();
        assertEquals(2, context.run("uptime", "now"));
        assertEquals(List.of("uptime: too many arguments", "usage: uptime [-p | -s]"), context.err);
    }

    @Test
    void realUptimeIsOneLine() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("uptime"));
        assertEquals(1, context.out.size());
        assertTrue(context.out.get(0).matches(" \\d\\d:\\d\\d:\\d\\d up .+,  0 users,  load average: .+"),
                context.out.get(0));
    }

    @Test
    void memoryFromMeminfoPrefersAvailableOverFree() throws Exception {
        SystemStats stats = fakeStats(null,
                "MemTotal:       16777216 kB\nMemFree:  1024 kB\nMemAvailable:    8388608 kB\n");
        assertEquals(Optional.of(new SystemStats.Memory(16L << 30, 8L << 30)), stats.memory());
        SystemStats older = fakeStats(null, "MemTotal: 2048 kB\nMemFree: 1024 kB\n");
        assertEquals(Optional.of(new SystemStats.Memory(2L << 20, 1L << 20)), older.memory());
        Files.delete(proc.resolve("meminfo"));
        assertEquals(Optional.empty(), new SystemStats(proc, null).memory());
    }

    @Test
    void byteUnits() {
        assertEquals("0 B", SystemStats.bytes(0));
        assertEquals("1023 B", SystemStats.bytes(1023));
        assertEquals("1.0 KiB", SystemStats.bytes(1024));
        assertEquals("1.5 KiB", SystemStats.bytes(1536));
        assertEquals("1.0 GiB", SystemStats.bytes(1L << 30));
        assertEquals("8.0 EiB", SystemStats.bytes(Long.MAX_VALUE));
    }

    @Test
    void sysinfoReportsEachKeyAndSkipsUnreadableAndEmptyStores() throws Exception {
        SystemStats stats = fakeStats("0.50 0.25 0.10 1/2 3\n",
                "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n");
        List<FileStore> stores = List.of(new FakeStore("/data (/dev/sdb1)", 2L << 30, 1L << 30),
                new FakeStore("/broken (nfs)", -1, -1), new FakeStore("/proc (proc)", 0, 0));
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new SysinfoCommand(stats, () -> stores)));
        List<String> keys = context.out.stream().map(l -> l.substring(0, l.indexOf(": ")))
                .toList();
        assertEquals(List.of("host", "os", "cpus", "load average", "memory", "disk /data", "jvm",
                "heap"), keys);
        assertEquals("host: test-host", context.out.get(0));
        assertEquals("cpus: " + Runtime.getRuntime().availableProcessors(), context.out.get(2));
        assertEquals("load average: 0.50, 0.25, 0.10", context.out.get(3));
        assertEquals("memory: 16.0 GiB total, 8.0 GiB free", context.out.get(4));
        assertEquals("disk /data: 2.0 GiB total, 1.0 GiB free", context.out.get(5));
        assertTrue(context.out.get(6).contains(Runtime.version().toString()));
        assertTrue(context.out.get(7).matches("heap: .+ used, .+ max"), context.out.get(7));
    }

    @Test
    void sysinfoShowsEachMountPointOnceTheLastMountedThere() throws Exception {
        // As /proc/mounts lists a tmpfs mounted twice on /dev/shm, and a disk mounted over /data.
        List<FileStore> stores = List.of(new FakeStore("/dev/shm (shm)", 64L << 20, 64L << 20),
                new FakeStore("/ (/dev/sda1)", 8L << 30, 4L << 30),
                new FakeStore("/data (/dev/sdb1)", 1L << 30, 1L << 29),
                new FakeStore("/dev/shm (tmpfs)", 2L << 30, 2L << 30),
                new FakeStore("/data (/dev/sdc1)", 4L << 30, 3L << 30));
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new SysinfoCommand(fakeStats(null, null), () -> stores)));
        List<String> disks = context.out.stream().filter(l -> l.startsWith("disk ")).toList();
        assertEquals(List.of("disk /: 8.0 GiB total, 4.0 GiB free",
                "disk /dev/shm: 2.0 GiB total, 2.0 GiB free",
                "disk /data: 4.0 GiB total, 3.0 GiB free"), disks);
    }

    @Test
    void realSysinfoListsNoMountPointTwice() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("sysinfo"));
        List<String> disks = context.out.stream().filter(l -> l.startsWith("disk "))
                .map(l -> l.substring(0, l.indexOf(": "))).toList();
        assertEquals(disks.stream().distinct().toList(), disks);
    }

    @Test
    void realSysinfoHasKeyValueLines() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("sysinfo"));
        assertTrue(context.out.size() >= 7, String.join("\n", context.out));
        for (String line : context.out) {
            assertTrue(line.matches("[a-z][^:]*: .+"), line);
        }
        assertEquals(2, context.run("sysinfo", "x"));
    }

    /** A file store with fixed sizes; negative sizes make it throw, like a dead mount. */
    private static final class FakeStore extends FileStore {
        private final String description;
        private final long total;
        private final long free;

        FakeStore(String description, long total, long free) {
            this.description = description;
            this.total = total;
            this.free = free;
        }

        private long size(long value) throws IOException {
            if (value < 0) {
                throw new IOException("stale file handle");
            }
            return value;
        }

        @Override
        public String name() {
            return description;
        }

        @Override
        public String type() {
            return "fake";
        }

        @Override
        public boolean isReadOnly() {
            return false;
        }

        @Override
        public long getTotalSpace() throws IOException {
            return size(total);
        }

        @Override
        public long getUsableSpace() throws IOException {
            return size(free);
        }

        @Override
        public long getUnallocatedSpace() throws IOException {
            return size(free);
        }

        @Override
        public boolean supportsFileAttributeView(Class<? extends FileAttributeView> type) {
            return false;
        }

        @Override
        public boolean supportsFileAttributeView(String name) {
            return false;
        }

        @Override
        public <V extends FileStoreAttributeView> V getFileStoreAttributeView(Class<V> type) {
            return null;
        }

        @Override
        public Object getAttribute(String attribute) {
            throw new UnsupportedOperationException(attribute);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
