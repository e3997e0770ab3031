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

    private String uptime(Duration since, SystemStats stats) throws Exception {
        FakeContext context = new FakeContext(home);
        Clock clock = Clock.fixed(STARTED.plus(since), ZoneOffset.UTC);
        assertEquals(0, context.run(new UptimeCommand(clock, stats)));
        assertEquals(1, context.out.size());
        return context.out.get(0);
    }

    @Test
    void uptimeShowsServerUptimeAndThreeLoadAverages() throws Exception {
        SystemStats stats = fakeStats("0.12 0.34 0.56 1/234 5678\n", null);
        Duration up = Duration.ofDays(3).plusHours(4).plusMinutes(5).plusSeconds(6);
        assertEquals("server up 3 days, 04:05:06, load average: 0.12, 0.34, 0.56",
                uptime(up, stats));
    }

    @Test
    void uptimeDurations() throws Exception {
        SystemStats stats = fakeStats("1.00 2.00 3.00 1/1 1\n", null);
        assertEquals("server up 00:00:05, load average: 1.00, 2.00, 3.00",
                uptime(Duration.ofSeconds(5), stats));
        assertEquals("server up 1 day, 23:59:59, load average: 1.00, 2.00, 3.00",
                uptime(Duration.ofDays(2).minusSeconds(1), stats));
        assertEquals("server up 00:00:00, load average: 1.00, 2.00, 3.00",
                uptime(Duration.ofSeconds(-30), stats));
    }

    @Test
    void uptimeWithoutLoadSaysUnavailable() throws Exception {
        assertEquals("server up 00:01:00, load average: unavailable",
                uptime(Duration.ofMinutes(1), fakeStats(null, null)));
        assertEquals("server up 00:01:00, load average: unavailable",
                uptime(Duration.ofMinutes(1), fakeStats("garbage here now\n", null)));
    }

    @Test
    void uptimeTakesNoArguments() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("uptime", "-p"));
        assertEquals(List.of("uptime: invalid option -- 'p'", "usage: uptime"), context.err);
    }

    @Test
    void realUptimeIsOneLine() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("uptime"));
        assertEquals(1, context.out.size());
        assertTrue(context.out.get(0).matches("server up .*, load average: .+"), context.out.get(0));
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
