package dev.rshell.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every server setting, validated and typed; immutable. Built by {@link SettingsLoader}, which
 * is also the easy way to make one in a test:
 * {@code new SettingsLoader(Map.of(), home, Long.MAX_VALUE).load(Optional.empty(), Map.of("port", "0"))}.
 * See {@link Settings} for each setting's meaning, default and bounds.
 *
 * <p>Thread safety: immutable, so freely shared between threads.
 *
 * @param bind                address to listen on (IP literal or host name, not resolved)
 * @param port                TCP port, 0 for any free port
 * @param dataDir             absolute directory of the server's files
 * @param maxSessions         sessions at once
 * @param maxLine             longest client line in bytes
 * @param maxPendingLines     queued command lines per session
 * @param maxPendingBytes     queued command-line bytes per session
 * @param writeTimeout        a stalled write longer than this drops the session
 * @param loginGrace          time to log in
 * @param maxAuthTries        failed logins per connection
 * @param commandTimeout      time limit of a command; empty means no limit
 * @param killGrace           delay between TERM and KILL
 * @param exec                whether OS commands may run
 * @param execPath            session PATH directories, in order
 * @param lang                session LANG
 * @param argon2MemoryKib     Argon2id memory cost in KiB
 * @param argon2Iterations    Argon2id time cost
 * @param argon2Parallelism   Argon2id lanes
 * @param maxConcurrentLogins password verifications at once
 * @param drainTimeout        half-close drain on close
 * @param shutdownTimeout     graceful shutdown deadline
 * @param configFile          the properties file that was read, if any (not a setting)
 */
public record ServerSettings(
        String bind,
        int port,
        Path dataDir,
        int maxSessions,
        int maxLine,
        int maxPendingLines,
        long maxPendingBytes,
        Duration writeTimeout,
        Duration loginGrace,
        int maxAuthTries,
        Optional<Duration> commandTimeout,
        Duration killGrace,
        boolean exec,
        List<Path> execPath,
        String lang,
        int argon2MemoryKib,
        int argon2Iterations,
        int argon2Parallelism,
        int maxConcurrentLogins,
        Duration drainTimeout,
        Duration shutdownTimeout,
        Optional<Path> configFile) {

    /** The name of the properties file looked for in the data directory. */
    public static final String CONFIG_FILE_NAME = "server.properties";

    public ServerSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(loginGrace, "loginGrace");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(killGrace, "killGrace");
        execPath = List.copyOf(execPath);
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(configFile, "configFile");
    }

    /** Builds the record from loaded values; the one place that maps definitions to components. */
    static ServerSettings from(SettingsLoader.Values v, Optional<Path> configFile) {
        return new ServerSettings(
                v.get(Settings.BIND),
                v.get(Settings.PORT),
                v.get(Settings.DATA_DIR),
                v.get(Settings.MAX_SESSIONS),
                v.get(Settings.MAX_LINE),
                v.get(Settings.MAX_PENDING_LINES),
                v.get(Settings.MAX_PENDING_BYTES),
                v.get(Settings.WRITE_TIMEOUT),
                v.get(Settings.LOGIN_GRACE),
                v.get(Settings.MAX_AUTH_TRIES),
                v.get(Settings.COMMAND_TIMEOUT),
                v.get(Settings.KILL_GRACE),
                v.get(Settings.EXEC),
                v.get(Settings.EXEC_PATH),
                v.get(Settings.LANG),
                v.get(Settings.ARGON2_MEMORY),
                v.get(Settings.ARGON2_ITERATIONS),
                v.get(Settings.ARGON2_PARALLELISM),
                v.get(Settings.MAX_CONCURRENT_LOGINS),
                v.get(Settings.DRAIN_TIMEOUT),
                v.get(Settings.SHUTDOWN_TIMEOUT),
                configFile);
    }

    /** {@link #execPath()} as a PATH value, directories joined with {@code :}. */
    public String execPathString() {
        return execPath.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
