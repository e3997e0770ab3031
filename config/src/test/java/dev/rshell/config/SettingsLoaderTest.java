package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.ClientAuth;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @TempDir
    Path home;
    Path dataDir;

    @BeforeEach
    void setUp() {
        dataDir = home.resolve(".local/share/rshell-server");
    }

    private SettingsLoader loader(Map<String, String> env) {
        return new SettingsLoader(env, home, Long.MAX_VALUE);
    }

    private ServerSettings load(Map<String, String> env, Map<String, String> flags) {
        return loader(env).load(Optional.empty(), flags);
    }

    private List<String> problems(Map<String, String> env, Map<String, String> flags) {
        return assertThrows(ConfigException.class, () -> load(env, flags)).problems();
    }

    private Path file(String name, String content) throws IOException {
        Path f = home.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void defaultsWhenNothingIsGiven() {
        ServerSettings s = load(Map.of(), Map.of());
        assertEquals("127.0.0.1", s.bind());
        assertEquals(7022, s.port());
        assertEquals(dataDir, s.dataDir());
        assertEquals(256, s.maxSessions());
        assertEquals(65536, s.maxLine());
        assertEquals(1024, s.maxPendingLines());
        assertEquals(1024 * 1024, s.maxPendingBytes());
        assertEquals(Duration.ofSeconds(60), s.writeTimeout());
        assertEquals(Duration.ofSeconds(30), s.loginGrace());
        assertEquals(3, s.maxAuthTries());
        assertEquals(Optional.empty(), s.commandTimeout());
        assertEquals(Duration.ofSeconds(2), s.killGrace());
        assertTrue(s.exec());
        assertEquals(List.of(Path.of("/usr/local/bin"), Path.of("/usr/bin"), Path.of("/bin")),
                s.execPath());
        assertEquals("/usr/local/bin:/usr/bin:/bin", s.execPathString());
        assertEquals("C.UTF-8", s.lang());
        assertEquals(19 * 1024, s.argon2MemoryKib());
        assertEquals(2, s.argon2Iterations());
        assertEquals(1, s.argon2Parallelism());
        assertEquals(4, s.maxConcurrentLogins());
        assertEquals(Duration.ofSeconds(1), s.drainTimeout());
        assertEquals(Duration.ofSeconds(10), s.shutdownTimeout());
        assertEquals(Optional.empty(), s.configFile());
        assertTrue(s.tls());
        assertEquals(Optional.empty(), s.tlsKeystore());
        assertEquals(Optional.empty(), s.tlsKeystorePasswordFile());
        assertEquals(Optional.empty(), s.tlsKeystorePassword());
        assertEquals(List.of("TLSv1.3"), s.tlsProtocols());
        assertEquals(ClientAuth.OPTIONAL, s.tlsClientAuth());
        assertEquals(Duration.ofSeconds(10), s.tlsHandshakeTimeout());
        assertEquals(64, s.maxStartups());
        assertEquals(10, s.maxStartupsPerAddress());
        assertEquals(Duration.ofMillis(500), s.authDelay());
        assertEquals(Duration.ofSeconds(8), s.authDelayMax());
        assertEquals(10, s.authBlockAfter());
        assertEquals(Duration.ofMinutes(10), s.authBlockWindow());
        assertEquals(Duration.ofMinutes(5), s.authBlockTime());
        assertEquals(10L * 1024 * 1024, s.auditMaxBytes());
        assertEquals(5, s.auditKeep());
        assertEquals(16, s.maxJobs());
        assertEquals(List.of("admin", "operator", "viewer"), List.copyOf(s.roles().keySet()));
    }

    @Test
    void flagBeatsVariableBeatsFileBeatsDefault() throws IOException {
        Path f = file("s.properties",
                "port = 1001\nmax-line = 1000\nlang = fr_FR.UTF-8\nmax-sessions=5\nmax-startups=4\n");
        Map<String, String> env = Map.of("RSHELL_SERVER_PORT", "2002", "RSHELL_SERVER_MAX_LINE", "2000",
                "RSHELL_SERVER_LANG", "de_DE.UTF-8");
        ServerSettings s = loader(env).load(Optional.of(f), Map.of("port", "3003"));
        assertEquals(3003, s.port());             // flag over variable and file
        assertEquals(2000, s.maxLine());          // variable over file
        assertEquals("de_DE.UTF-8", s.lang());    // variable over file
        assertEquals(5, s.maxSessions());         // file over default
        assertEquals(3, s.maxAuthTries());        // default
        assertEquals(Optional.of(f.toAbsolutePath()), s.configFile());
    }

    @Test
    void implicitFileInDataDirIsReadWhenPresent() throws IOException {
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("server.properties"), "port = 4444\n");
        ServerSettings s = load(Map.of(), Map.of());
        assertEquals(4444, s.port());
        assertEquals(Optional.of(dataDir.resolve("server.properties")), s.configFile());
    }

    @Test
    void implicitFileFollowsDataDirFromFlag() throws IOException {
        Path other = home.resolve("other");
        Files.createDirectories(other);
        Files.writeString(other.resolve("server.properties"), "port = 5555\n");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("server.properties"), "port = 4444\n");
        ServerSettings s = load(Map.of(), Map.of("data-dir", other.toString()));
        assertEquals(5555, s.port());
        assertEquals(other, s.dataDir());
    }

    @Test
    void implicitFileMayNotSetDataDir() throws IOException {
        Files.createDirectories(dataDir);
        Path f = dataDir.resolve("server.properties");
        Files.writeString(f, "# comment\ndata-dir = /srv/x\n");
        List<String> p = problems(Map.of(), Map.of());
        assertEquals(List.of("file " + f + ":2: data-dir can't be set in the server.properties found"
                + " in the data directory; use --data-dir, RSHELL_SERVER_DATA_DIR or a file named"
                + " with --config"), p);
    }

    @Test
    void namedFileMaySetDataDir() throws IOException {
        Path f = file("s.properties", "data-dir = /srv/rshell\n");
        assertEquals(Path.of("/srv/rshell"), loader(Map.of()).load(Optional.of(f), Map.of()).dataDir());
    }

    @Test
    void configVariableNamesTheFileAndFlagWins() throws IOException {
        Path viaEnv = file("env.properties", "port = 1\n");
        Path viaFlag = file("flag.properties", "port = 2\n");
        Map<String, String> env = Map.of("RSHELL_SERVER_CONFIG", viaEnv.toString());
        assertEquals(1, load(env, Map.of()).port());
        assertEquals(2, loader(env).load(Optional.of(viaFlag), Map.of()).port());
    }

    @Test
    void theLaunchersJavaOptionsAreNotASetting() {
        assertEquals(7022, load(Map.of("RSHELL_SERVER_JAVA_OPTS", "-Xmx64m"), Map.of()).port());
        assertEquals(1, problems(Map.of("RSHELL_SERVER_JAVA_OPTIONS", "-Xmx64m"), Map.of()).size());
    }

    @Test
    void missingNamedFileIsAProblem() {
        Path missing = home.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(Map.of()).load(Optional.of(missing), Map.of()));
        assertEquals(List.of("config file " + missing + " (from flag --config) can't be read: no such file"),
                e.problems());
        List<String> p = problems(Map.of("RSHELL_SERVER_CONFIG", missing.toString()), Map.of());
        assertEquals(List.of("config file " + missing
                + " (from variable RSHELL_SERVER_CONFIG) can't be read: no such file"), p);
    }

    @Test
    void blankConfigVariableIsAProblem() {
        assertEquals(List.of("config file \" \" from variable RSHELL_SERVER_CONFIG is not allowed:"
                + " a path to a properties file"), problems(Map.of("RSHELL_SERVER_CONFIG", " "), Map.of()));
    }

    @Test
    void configFileExpandsHome() throws IOException {
        file("h.properties", "port = 6\n");
        assertEquals(6, loader(Map.of("RSHELL_SERVER_CONFIG", "~/h.properties")).load(Optional.empty(), Map.of())
                .port());
    }

    @Test
    void unknownKeyInFileNamesFileAndLine() throws IOException {
        Path f = file("s.properties", "# settings\n\nport = 7022\nprot = 7023\ncolour = blue\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(Map.of()).load(Optional.of(f), Map.of()));
        assertEquals(List.of(
                "file " + f.toAbsolutePath() + ":4: \"prot\" is not a setting (did you mean port?)",
                "file " + f.toAbsolutePath() + ":5: \"colour\" is not a setting"), e.problems());
    }

    @Test
    void unknownVariableIsNamed() {
        Map<String, String> env = Map.of("RSHELL_SERVER_MAX_LINES", "9", "RSHELL_SERVER_FOO", "1",
                "RSHELL_CLIENT_X", "ignored", "PATH", "/bin");
        assertEquals(List.of(
                "variable RSHELL_SERVER_FOO is not a setting",
                "variable RSHELL_SERVER_MAX_LINES is not a setting (did you mean RSHELL_SERVER_MAX_LINE?)"),
                problems(env, Map.of()));
    }

    @Test
    void variableInWrongCaseIsUnknown() {
        assertEquals(List.of("variable RSHELL_SERVER_port is not a setting (did you mean RSHELL_SERVER_PORT?)"),
                problems(Map.of("RSHELL_SERVER_port", "1"), Map.of()));
    }

    @Test
    void unknownFlagIsNamed() {
        assertEquals(List.of("flag --config is not a setting"),
                problems(Map.of(), Map.of("config", "/x")));
    }

    @Test
    void badValueMessageNamesSettingValueSourceAndAllowed() {
        assertEquals(List.of("port: \"70000\" from flag --port is not allowed: a whole number from 0 to 65535"),
                problems(Map.of(), Map.of("port", "70000")));
        assertEquals(List.of("port: \"x\" from variable RSHELL_SERVER_PORT is not allowed: "
                        + "a whole number from 0 to 65535"),
                problems(Map.of("RSHELL_SERVER_PORT", "x"), Map.of()));
    }

    @Test
    void badValueInFileNamesLine() throws IOException {
        Path f = file("s.properties", "\n\nexec = maybe\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(Map.of()).load(Optional.of(f), Map.of()));
        assertEquals(List.of("exec: \"maybe\" from file " + f.toAbsolutePath()
                + ":3 is not allowed: on or off (also true/false, yes/no)"), e.problems());
    }

    @Test
    void overriddenBadValueIsStillReported() throws IOException {
        Path f = file("s.properties", "port = -1\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(Map.of()).load(Optional.of(f), Map.of("port", "7022")));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith("port: \"-1\" from file "), e.problems().get(0));
    }

    @Test
    void collectsEveryProblemAtOnce() throws IOException {
        Path f = file("s.properties", "max-line = 10\nnonsense\nbogus = 1\n");
        Map<String, String> env = Map.of("RSHELL_SERVER_LOGIN_GRACE", "2h", "RSHELL_SERVER_NOPE", "1");
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("port", "65536");
        flags.put("lang", "en US");
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader(env).load(Optional.of(f), flags));
        List<String> p = e.problems();
        assertEquals(7, p.size(), String.join("\n", p));
        String all = e.getMessage();
        assertTrue(all.contains(":2: expected NAME = VALUE, found \"nonsense\""), all);
        assertTrue(all.contains(":3: \"bogus\" is not a setting"), all);
        assertTrue(all.contains("variable RSHELL_SERVER_NOPE is not a setting"), all);
        assertTrue(all.contains("max-line: \"10\" from file"), all);
        assertTrue(all.contains("login-grace: \"2h\" from variable RSHELL_SERVER_LOGIN_GRACE is not allowed: "
                + "a duration from 1s to 1h, e.g. 500ms, 30s or 2m (a plain number is seconds)"), all);
        assertTrue(all.contains("port: \"65536\" from flag --port"), all);
        assertTrue(all.contains("lang: \"en US\" from flag --lang"), all);
        assertEquals(String.join("\n", p), all);
    }

    @Test
    void valuesFromVariablesAndFlagsAreStripped() {
        ServerSettings s = load(Map.of("RSHELL_SERVER_PORT", " 99 "), Map.of("lang", " POSIX\t"));
        assertEquals(99, s.port());
        assertEquals("POSIX", s.lang());
    }

    @Test
    void argon2MemoryTimesLoginsMustFitHalfTheHeap() {
        long heap = 128 * Sizes.MIB;
        SettingsLoader small = new SettingsLoader(Map.of(), home, heap);
        // Default 19 MiB × 4 = 76 MiB > 64 MiB.
        ConfigException e = assertThrows(ConfigException.class,
                () -> small.load(Optional.empty(), Map.of()));
        assertEquals(List.of("argon2-memory × max-concurrent-logins: 19 MiB (default) × 4 (default) = 76 MiB"
                + " is more than half the Java heap (64 MiB of 128 MiB); lower argon2-memory or"
                + " max-concurrent-logins, or give the server a larger heap with -Xmx"), e.problems());
        // 16 MiB × 4 = 64 MiB fits exactly.
        assertEquals(4, small.load(Optional.empty(), Map.of("argon2-memory", "16m")).maxConcurrentLogins());
        ConfigException flagged = assertThrows(ConfigException.class,
                () -> small.load(Optional.empty(), Map.of("max-concurrent-logins", "100")));
        assertTrue(flagged.problems().get(0).contains("19 MiB (default) × 100 (flag --max-concurrent-logins)"
                + " = 1900 MiB"), flagged.getMessage());
    }

    @Test
    void heapCheckIsSkippedWhenAnInputIsInvalid() {
        SettingsLoader tiny = new SettingsLoader(Map.of(), home, Sizes.MIB);
        List<String> p = assertThrows(ConfigException.class,
                () -> tiny.load(Optional.empty(), Map.of("argon2-memory", "lots"))).problems();
        assertEquals(1, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("argon2-memory: \"lots\" from flag --argon2-memory"));
    }

    @Test
    void argon2MemoryMustCoverEveryLane() {
        assertEquals(List.of("argon2-memory: 64 KiB (flag --argon2-memory) is less than 8 KiB per lane of"
                        + " argon2-parallelism 16 (flag --argon2-parallelism), the least Argon2 allows (128 KiB)"),
                problems(Map.of(), Map.of("argon2-memory", "64k", "argon2-parallelism", "16")));
        assertEquals(128, load(Map.of(), Map.of("argon2-memory", "128k", "argon2-parallelism", "16"))
                .argon2MemoryKib());
    }

    @Test
    void dataDirExpandsHomeAndRefusesRelative() {
        assertEquals(home.resolve("x/y"), load(Map.of(), Map.of("data-dir", "~/x/y")).dataDir());
        assertEquals(List.of("data-dir: \"data\" from flag --data-dir is not allowed: "
                + "an absolute path, or ~/… for the home directory"),
                problems(Map.of(), Map.of("data-dir", "data")));
    }

    @Test
    void commandTimeoutNoneZeroAndDuration() {
        assertEquals(Optional.empty(), load(Map.of(), Map.of("command-timeout", "none")).commandTimeout());
        assertEquals(Optional.empty(), load(Map.of(), Map.of("command-timeout", "0")).commandTimeout());
        assertEquals(Optional.of(Duration.ofMinutes(5)),
                load(Map.of(), Map.of("command-timeout", "5m")).commandTimeout());
        assertEquals(List.of("command-timeout: \"soon\" from flag --command-timeout is not allowed: none (or 0)"
                + " for no limit, or a duration up to 365d, e.g. 30s, 10m or 2h (a plain number is seconds)"),
                problems(Map.of(), Map.of("command-timeout", "soon")));
    }

    @Test
    void messageQuotesControlCharactersOnOneLine() {
        List<String> p = problems(Map.of(), Map.of("port", "7\n022"));
        assertEquals(List.of("port: \"7\\n022\" from flag --port is not allowed: a whole number from 0 to 65535"), p);
    }

    @Test
    void maxStartupsMustStayBelowMaxSessions() {
        assertEquals(List.of("max-startups: 64 (default) must be less than max-sessions 64 (flag --max-sessions),"
                + " so that connections not yet logged in can never take every session"),
                problems(Map.of(), Map.of("max-sessions", "64")));
        assertEquals(List.of("max-startups: 300 (variable RSHELL_SERVER_MAX_STARTUPS) must be less than"
                + " max-sessions 256 (default), so that connections not yet logged in can never take every session"),
                problems(Map.of("RSHELL_SERVER_MAX_STARTUPS", "300"), Map.of()));
        assertEquals(63, load(Map.of(), Map.of("max-sessions", "64", "max-startups", "63")).maxStartups());
        // A single session can't leave room for anyone; the rule would make it unusable.
        assertEquals(64, load(Map.of(), Map.of("max-sessions", "1")).maxStartups());
    }

    @Test
    void maxStartupsCheckIsSkippedWhenAnInputIsInvalid() {
        assertEquals(List.of("max-sessions: \"0\" from flag --max-sessions is not allowed: a whole number from 1"
                + " to 100000"), problems(Map.of(), Map.of("max-sessions", "0", "max-startups", "5000")));
    }

    @Test
    void settingsAreImmutable() {
        ServerSettings s = load(Map.of(), Map.of());
        assertThrows(UnsupportedOperationException.class, () -> s.execPath().add(Path.of("/x")));
        assertFalse(s.toString().isEmpty());
    }
}
