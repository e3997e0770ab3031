package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rshell.common.tls.ClientAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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
                ok("password-min-length", "1", ServerSettings::passwordMinLength, 1),
                ok("password-min-length", "1024", ServerSettings::passwordMinLength, 1024),
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
                ok("data-dir", "~", ServerSettings::dataDir, HOME),
                ok("tls", "off", ServerSettings::tls, false),
                ok("tls", "ON", ServerSettings::tls, true),
                ok("tls-keystore", "none", ServerSettings::tlsKeystore, Optional.empty()),
                ok("tls-keystore", "NONE", ServerSettings::tlsKeystore, Optional.empty()),
                ok("tls-keystore-password-file", "none", ServerSettings::tlsKeystorePasswordFile, Optional.empty()),
                ok("tls-protocols", "TLSv1.3", ServerSettings::tlsProtocols, List.of("TLSv1.3")),
                ok("tls-protocols", "tlsv1.3", ServerSettings::tlsProtocols, List.of("TLSv1.3")),
                ok("tls-protocols", "TLSv1.3,TLSv1.2", ServerSettings::tlsProtocols, List.of("TLSv1.3", "TLSv1.2")),
                ok("tls-protocols", "TLSv1.2 , TLSv1.3", ServerSettings::tlsProtocols,
                        List.of("TLSv1.3", "TLSv1.2")),
                ok("tls-client-auth", "none", ServerSettings::tlsClientAuth, ClientAuth.NONE),
                ok("tls-client-auth", "Required", ServerSettings::tlsClientAuth, ClientAuth.REQUIRED),
                ok("tls-client-auth", "optional", ServerSettings::tlsClientAuth, ClientAuth.OPTIONAL),
                ok("tls-handshake-timeout", "1s", ServerSettings::tlsHandshakeTimeout, Duration.ofSeconds(1)),
                ok("tls-handshake-timeout", "5m", ServerSettings::tlsHandshakeTimeout, Duration.ofMinutes(5)),
                ok("max-startups", "1", ServerSettings::maxStartups, 1),
                ok("max-startups", "255", ServerSettings::maxStartups, 255),
                ok("max-startups-per-address", "1", ServerSettings::maxStartupsPerAddress, 1),
                ok("max-startups-per-address", "100000", ServerSettings::maxStartupsPerAddress, 100000),
                ok("auth-delay", "0", ServerSettings::authDelay, Duration.ZERO),
                ok("auth-delay", "10s", ServerSettings::authDelay, Duration.ofSeconds(10)),
                ok("auth-delay-max", "0s", ServerSettings::authDelayMax, Duration.ZERO),
                ok("auth-delay-max", "1m", ServerSettings::authDelayMax, Duration.ofMinutes(1)),
                ok("auth-block-after", "1", ServerSettings::authBlockAfter, 1),
                ok("auth-block-after", "10000", ServerSettings::authBlockAfter, 10000),
                ok("auth-block-window", "1s", ServerSettings::authBlockWindow, Duration.ofSeconds(1)),
                ok("auth-block-window", "1d", ServerSettings::authBlockWindow, Duration.ofDays(1)),
                ok("auth-block-time", "1000ms", ServerSettings::authBlockTime, Duration.ofSeconds(1)),
                ok("auth-block-time", "24h", ServerSettings::authBlockTime, Duration.ofDays(1)),
                ok("audit-max-bytes", "4k", ServerSettings::auditMaxBytes, 4096L),
                ok("audit-max-bytes", "1g", ServerSettings::auditMaxBytes, 1L << 30),
                ok("audit-keep", "1", ServerSettings::auditKeep, 1),
                ok("audit-keep", "1000", ServerSettings::auditKeep, 1000),
                ok("max-jobs", "1", ServerSettings::maxJobs, 1),
                ok("max-jobs", "1024", ServerSettings::maxJobs, 1024),
                ok("idle-timeout", "90s", ServerSettings::idleTimeout, Optional.of(Duration.ofSeconds(90))),
                ok("idle-timeout", "none", ServerSettings::idleTimeout, Optional.empty()),
                ok("idle-timeout", "0", ServerSettings::idleTimeout, Optional.empty()),
                ok("threads", "platform", ServerSettings::threads, ThreadKind.PLATFORM),
                ok("threads", "Platform", ServerSettings::threads, ThreadKind.PLATFORM));
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
                Arguments.of("password-min-length", List.of("0", "1025"), INT + "1 to 1024"),
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
                        "an absolute path, or ~/… for the home directory"),
                Arguments.of("tls", List.of("1", "tls", ""), "on or off (also true/false, yes/no)"),
                Arguments.of("tls-keystore", List.of("server.p12", "", "nothing"),
                        "an absolute path, ~/… for the home directory, or none"),
                Arguments.of("tls-keystore-password-file", List.of("pw.txt", "~bob/pw"),
                        "an absolute path, ~/… for the home directory, or none"),
                Arguments.of("tls-protocols", List.of("TLSv1.2", "TLSv1.3,TLSv1.3", "TLSv1.3,TLSv1.1",
                                "TLSv1.3,", "TLSv1.3;TLSv1.2", "TLS1.3", "", "SSLv3,TLSv1.3"),
                        "TLSv1.3, or TLSv1.3,TLSv1.2 to allow TLS 1.2 as well (comma-separated, either order)"),
                Arguments.of("tls-client-auth", List.of("yes", "want", ""), "none, optional or required"),
                Arguments.of("tls-handshake-timeout", List.of("999ms", "0", "301s"), "a duration from 1s to 5m" + DUR),
                Arguments.of("max-startups", List.of("0", "100001"), INT + "1 to 100000"),
                Arguments.of("max-startups-per-address", List.of("0", "100001"), INT + "1 to 100000"),
                Arguments.of("auth-delay", List.of("10001ms", "11s", "-1"), "a duration from 0s to 10s" + DUR),
                Arguments.of("auth-delay-max", List.of("61s", "2m"), "a duration from 0s to 1m" + DUR),
                Arguments.of("auth-block-after", List.of("0", "10001"), INT + "1 to 10000"),
                Arguments.of("auth-block-window", List.of("0", "999ms", "25h"), "a duration from 1s to 1d" + DUR),
                Arguments.of("auth-block-time", List.of("0s", "86401"), "a duration from 1s to 1d" + DUR),
                Arguments.of("audit-max-bytes", List.of("4095", "3k", "1025m", "2g"),
                        "a size from 4 KiB to 1 GiB: bytes, or a number with k, m or g (1024-based), e.g. 512k or 1MiB"),
                Arguments.of("audit-keep", List.of("0", "1001"), INT + "1 to 1000"),
                Arguments.of("max-jobs", List.of("0", "1025"), INT + "1 to 1024"),
                Arguments.of("idle-timeout", List.of("366d", "-1", "never"),
                        "none (or 0) for no limit, or a duration up to 365d, e.g. 30s, 10m or 2h"
                                + " (a plain number is seconds)"),
                Arguments.of("threads", List.of("", "os", "virtual-threads", "green"),
                        "platform or virtual (virtual needs Java 21 or later)"));
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

    /**
     * Settings whose bounds can't be tried through a lone flag: the keystore password is refused
     * as a flag and needs a keystore; {@code TlsSettingsTest} covers it.
     */
    static final Set<String> TESTED_ELSEWHERE = Set.of("tls-keystore-password");

    @Test
    void everyDefinitionHasAGoodAndABadCase() {
        List<String> covered = bad().map(a -> (String) a.get()[0]).toList();
        Set<Object> good = good().map(a -> a.get()[0]).collect(Collectors.toSet());
        for (Setting<?> s : Settings.definitions()) {
            if (TESTED_ELSEWHERE.contains(s.name())) {
                continue;
            }
            assertEquals(true, covered.contains(s.name()), "no bad-value test for " + s.name());
            assertEquals(true, good.contains(s.name()), "no good-value test for " + s.name());
        }
        assertEquals(Settings.definitions().size() - TESTED_ELSEWHERE.size(), good.size());
    }
}
