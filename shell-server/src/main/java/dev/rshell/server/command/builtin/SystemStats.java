package dev.rshell.server.command.builtin;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Host uptime, load and memory for {@code uptime} and {@code sysinfo}, from {@code /proc} where it
 * exists and the JVM's operating-system bean otherwise. Every reading is optional: a host
 * that can't say is reported as such, never as an error.
 *
 * <p>Thread safety: immutable; each call reads afresh.
 */
final class SystemStats {

    private static final Pattern LOAD = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    /** Seconds; the length cap keeps parseLong from overflowing. */
    private static final Pattern UPTIME = Pattern.compile("[0-9]{1,15}(\\.[0-9]+)?");

    private final Path proc;
    private final OperatingSystemMXBean os;

    /**
     * @param proc where {@code uptime}, {@code loadavg} and {@code meminfo} are read; a fake
     *             one in tests
     * @param os   the JVM's bean, or null to use {@code proc} alone
     */
    SystemStats(Path proc, OperatingSystemMXBean os) {
        this.proc = proc;
        this.os = os;
    }

    /** The running system's statistics. */
    static SystemStats system() {
        return new SystemStats(Path.of("/proc"), ManagementFactory.getOperatingSystemMXBean());
    }

    /**
     * How long the host has been up, from the first field of {@code /proc/uptime} (seconds,
     * with a fraction); empty where there is no such file or it doesn't read as one.
     */
    Optional<Duration> hostUptime() {
        String[] fields = read("uptime").orElse("").trim().split("\\s+");
        if (!UPTIME.matcher(fields[0]).matches()) {
            return Optional.empty();
        }
        int dot = fields[0].indexOf('.');
        String whole = dot < 0 ? fields[0] : fields[0].substring(0, dot);
        return Optional.of(Duration.ofSeconds(Long.parseLong(whole)));
    }

    /** Total and free bytes of memory. */
    record Memory(long total, long free) {
    }

    /**
     * The 1, 5 and 15 minute load averages ({@code 0.12, 0.34, 0.56}) from
     * {@code /proc/loadavg}; else the bean's 1-minute value alone; else empty.
     */
    Optional<String> loadAverage() {
        List<String> fields = List.of(read("loadavg").orElse("").trim().split("\\s+"));
        if (fields.size() >= 3 && fields.subList(0, 3).stream().allMatch(f -> LOAD.matcher(f).matches())) {
            return Optional.of(String.join(", ", fields.subList(0, 3)));
        }
        double load = os == null ? -1 : os.getSystemLoadAverage();
        return load < 0 ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "%.2f", load));
    }

    /**
     * Memory from the bean (container-aware on Linux); else {@code MemTotal} and
     * {@code MemAvailable} (or {@code MemFree}) from {@code /proc/meminfo}; else empty.
     */
    Optional<Memory> memory() {
        if (os instanceof com.sun.management.OperatingSystemMXBean bean) {
            long total = bean.getTotalMemorySize();
            if (total > 0) {
                return Optional.of(new Memory(total, bean.getFreeMemorySize()));
            }
        }
        String meminfo = read("meminfo").orElse("");
        long total = kibibytes(meminfo, "MemTotal");
        long free = kibibytes(meminfo, "MemAvailable");
        if (free < 0) {
            free = kibibytes(meminfo, "MemFree");
        }
        return total > 0 && free >= 0 ? Optional.of(new Memory(total * 1024, free * 1024))
                : Optional.empty();
    }

    /** Bytes in binary units with one decimal: {@code 512 B}, {@code 1.5 GiB}. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** The value of a {@code Key:   123 kB} line, or -1. */
    private static long kibibytes(String meminfo, String key) {
        for (String line : meminfo.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] parts = line.substring(key.length() + 1).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /** A small /proc file, or empty when it is missing or unreadable. */
    private Optional<String> read(String name) {
        // Bounded: the real files are tiny, and nothing here should trust a file's size.
        try (InputStream in = Files.newInputStream(proc.resolve(name))) {
            return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
