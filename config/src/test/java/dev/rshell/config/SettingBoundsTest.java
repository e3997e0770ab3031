package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each setting's lower and upper bound, just inside and just outside, through a flag. */
class SettingBoundsTest {

    private static final Path HOME = Path.of("/home/test");

    private static ServerSettings load(String name, String value) {
        return new SettingsLoader(Map.of(), HOME, Long.MAX_VALUE).load(Optional.empty(), Map.of(name, value));
    }

    private static Arguments ok(String name, String value, Function<ServerSettings, Object> get, Object expected) {
        return Arguments.of(name, value, get, expected);
    }

    static Stream<Arguments> good() {
        return Stream.of(
                ok("port", "0", ServerSettings::port, 0),
                ok("port", "65535", ServerSettings::port, 65535),
                ok("max-sessions", "1", ServerSettings::maxSessions, 1),
                ok("max-sessions", "100000", ServerSettings::maxSessions, 100000),
                ok("max-line", "256", ServerSettings::maxLine, 256),
                ok("max-line", "16777216", ServerSettings::maxLine, 16777216),
                ok("max-pending-lines", "1", ServerSettings::maxPendingLines, 1),
                ok("max-pending-lines", "1000000", ServerSettings::maxPendingLines, 1000000),
                ok("max-pending-bytes", "1024", ServerSettings::maxPendingBytes, 1024L),
                ok("max-pending-bytes", "1k", ServerSettings::maxPendingBytes, 1024L),
                ok("max-pending-bytes", "512k", ServerSettings::maxPendingBytes, 512L * 1024),
                ok("max-pending-bytes", "1MiB", ServerSettings::maxPendingBytes, 1048576L),
                ok("max-pending-bytes", "1048576", ServerSettings::maxPendingBytes, 1048576L),
                ok("max-pending-bytes", "1g", ServerSettings::maxPendingBytes, 1L << 30),
                ok("write-timeout", "1s", ServerSettings::writeTimeout, Duration.ofSeconds(1)),
                ok("write-timeout", "60", ServerSettings::writeTimeout, Duration.ofSeconds(60)),
                ok("write-timeout", "1h", ServerSettings::writeTimeout, Duration.ofHours(1)),
                ok("login-grace", "1000ms", ServerSettings::loginGrace, Duration.ofSeconds(1)),
                ok("login-grace", "60m", ServerSettings::loginGrace, Duration.ofHours(1)),
                ok("max-auth-tries", "1", ServerSettings::maxAuthTries, 1),
                ok("max-auth-tries", "100", ServerSettings::maxAuthTries, 100),
                ok("command-timeout", "1ms", ServerSettings::commandTimeout, Optional.of(Duration.ofMillis(1))),
                ok("command-timeout", "365d", ServerSettings::commandTimeout, Optional.of(Duration.ofDays(365))),
                ok("command-timeout", "NONE", ServerSettings::commandTimeout, Optional.empty()),
                ok("kill-grace", "0", ServerSettings::killGrace, Duration.ZERO),
                ok("kill-grace", "1m", ServerSettings::killGrace, Duration.ofMinutes(1)),
                ok("exec", "off", ServerSettings::exec, false),
                ok("exec", "FALSE", ServerSettings::exec, false),
                ok("exec", "no", ServerSettings::exec, false),
                ok("exec", "Yes", ServerSettings::exec, true),
                ok("exec", "true", ServerSettings::exec, true),
                ok("exec-path", "/opt/bin", ServerSettings::execPath, List.of(Path.of("/opt/bin"))),
                ok("exec-path", "/a:/b c", ServerSettings::execPath, List.of(Path.of("/a"), Path.of("/b c"))),
                ok("lang", "en_US.UTF-8", ServerSettings::lang, "en_US.UTF-8"),
                ok("lang", "de_DE@euro", ServerSettings::lang, "de_DE@euro"),
                ok("argon2-memory", "8k", ServerSettings::argon2MemoryKib, 8),
                ok("argon2-memory", "19456k", ServerSettings::argon2MemoryKib, 19456),
                ok("argon2-memory", "19MiB", ServerSettings::argon2MemoryKib, 19456),
                ok("argon2-memory", "4g", ServerSettings::argon2MemoryKib, 4 * 1024 * 1024),
                ok("argon2-iterations", "1", ServerSettings::argon2Iterations, 1),
                ok("argon2-iterations", "100", ServerSettings::argon2Iterations, 100),
                ok("argon2-parallelism", "1", ServerSettings::argon2Parallelism, 1),
                ok("argon2-parallelism", "16", ServerSettings::argon2Parallelism, 16),
                ok("max-concurrent-logins", "1", ServerSettings::maxConcurrentLogins, 1),
                ok("max-concurrent-logins", "1024", ServerSettings::maxConcurrentLogins, 1024),
                ok("drain-timeout", "0", ServerSettings::drainTimeout, Duration.ZERO),
                ok("drain-timeout", "1m", ServerSettings::drainTimeout, Duration.ofMinutes(1)),
                ok("shutdown-timeout", "0s", ServerSettings::shutdownTimeout, Duration.ZERO),
                ok("shutdown-timeout", "10m", ServerSettings::shutdownTimeout, Duration.ofMinutes(10)),
                ok("bind", "0.0.0.0", ServerSettings::bind, "0.0.0.0"),
                ok("bind", "::", ServerSettings::bind, "::"),
                ok("bind", "[::1]", ServerSettings::bind, "::1"),
                ok("bind", "fe80::1", ServerSettings::bind, "fe80::1"),
                ok("bind", "lab-01.example.org", ServerSettings::bind, "lab-01.example.org"),
                ok("bind", "localhost", ServerSettings::bind, "localhost"),
                ok("data-dir", "/var/lib/rshell/../rshell", ServerSettings::dataDir, Path.of("/var/lib/rshell")),
                ok("data-dir", "~", ServerSettings::dataDir, HOME));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("good")
    void goodValueIsAccepted(String name, String value, Function<ServerSettings, Object> get, Object expected) {
        assertEquals(expected, get.apply(load(name, value)));
    }

    static final String INT = "a whole number from ";
    static final String DUR = ", e.g. 500ms, 30s or 2m (a plain number is seconds)";

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("port", List.of("-1", "65536", "", "7022x", "0x10", "+1", "99999999999"),
                        INT + "0 to 65535"),
                Arguments.of("max-sessions", List.of("0", "100001"), INT + "1 to 100000"),
                Arguments.of("max-line", List.of("255", "16777217"), INT + "256 to 16777216"),
                Arguments.of("max-pending-lines", List.of("0", "1000001"), INT + "1 to 1000000"),
                Arguments.of("max-pending-bytes", List.of("1023", "1073741825", "2g", "1.5m", "1t", "k", "-1k"),
                        "a size from 1 KiB to 1 GiB: bytes, or a number with k, m or g (1024-based), e.g. 512k or 1MiB"),
                Arguments.of("write-timeout", List.of("999ms", "0", "61m", "3601", "1.5s", "1w", "s"),
                        "a duration from 1s to 1h" + DUR),
                Arguments.of("login-grace", List.of("0s", "2h"), "a duration from 1s to 1h" + DUR),
                Arguments.of("max-auth-tries", List.of("0", "101"), INT + "1 to 100"),
                Arguments.of("command-timeout", List.of("366d", "-1", "never"),
                        "none (or 0) for no limit, or a duration up to 365d, e.g. 30s, 10m or 2h"
                                + " (a plain number is seconds)"),
                Arguments.of("kill-grace", List.of("61s", "1m1ms"), "a duration from 0s to 1m" + DUR),
                Arguments.of("exec", List.of("1", "enabled", ""), "on or off (also true/false, yes/no)"),
                Arguments.of("exec-path", List.of("bin", "/usr/bin:", ":/bin", "/usr/bin::/bin", ""),
                        "absolute directories separated by ':', e.g. /usr/local/bin:/usr/bin:/bin"),
                Arguments.of("lang", List.of("", "en US", "x".repeat(65), "en;rm"),
                        "a locale name such as C.UTF-8 or en_US.UTF-8 (letters, digits and . _ @ -)"),
                Arguments.of("argon2-memory", List.of("19456", "7k", "4097m", "5g", "lots"),
                        "a size from 8 KiB to 4 GiB with a unit k, m or g (1024-based), e.g. 19m or 19456k"),
                Arguments.of("argon2-iterations", List.of("0", "101"), INT + "1 to 100"),
                Arguments.of("argon2-parallelism", List.of("0", "17"), INT + "1 to 16"),
                Arguments.of("max-concurrent-logins", List.of("0", "1025"), INT + "1 to 1024"),
                Arguments.of("drain-timeout", List.of("61s"), "a duration from 0s to 1m" + DUR),
                Arguments.of("shutdown-timeout", List.of("601s", "11m"), "a duration from 0s to 10m" + DUR),
                Arguments.of("bind", List.of("", "256.0.0.1", "1.2.3", "[127.0.0.1]", "::g", "a..b",
                                "-host", "host_name", "zz::1", "x".repeat(64) + ".org"),
                        "an IP address or host name, e.g. 127.0.0.1, 0.0.0.0, ::1 or localhost"),
                Arguments.of("data-dir", List.of("relative/dir", "", "~alice/x"),
                        "an absolute path, or ~/… for the home directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badValuesAreRefusedWithExactMessage(String name, List<String> values, String allowed) {
        for (String value : values) {
            ConfigException e = assertThrows(ConfigException.class, () -> load(name, value), value);
            assertEquals(List.of(name + ": \"" + value + "\" from flag --" + name
                    + " is not allowed: " + allowed), e.problems(), value);
        }
    }

    @Test
    void everyDefinitionHasAGoodAndABadCase() {
        List<String> covered = bad().map(a -> (String) a.get()[0]).toList();
        for (Setting<?> s : Settings.definitions()) {
            assertEquals(true, covered.contains(s.name()), "no bad-value test for " + s.name());
        }
        assertEquals(Settings.definitions().size(), good().map(a -> a.get()[0]).distinct().count());
    }
}
