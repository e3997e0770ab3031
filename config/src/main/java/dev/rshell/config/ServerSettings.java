package dev.rshell.config;

import dev.rshell.common.tls.ClientAuth;
import dev.rshell.config.role.RoleDefinition;
import dev.rshell.config.user.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every server setting, validated and typed; immutable. Built by {@link SettingsLoader}, which
 * is also the easy way to make one in a test:
 * {@code new SettingsLoader(Map.of(), home, Long.MAX_VALUE).load(Optional.empty(), Map.of("port", "0"))}.
 * See {@link Settings} for each setting's meaning, default and bounds.
 *
 * <p>Secrets: {@link #tlsKeystorePassword()} is a {@link Secret}, so this record's
 * {@code toString} shows it as {@code ***}.
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
 * @param passwordMinLength   fewest characters (code points) of a new password
 * @param drainTimeout        half-close drain on close
 * @param shutdownTimeout     graceful shutdown deadline
 * @param tls                 whether the server speaks TLS (false: plain TCP)
 * @param tlsKeystore         the administrator's PKCS#12 keystore; empty for the generated
 *                            {@code DATA_DIR/server.p12}
 * @param tlsKeystorePasswordFile the file the keystore password was read from, if one was named
 * @param tlsKeystorePassword the keystore's password: the {@code tls-keystore-password} value,
 *                            or the first line of {@code tls-keystore-password-file}, read
 *                            while loading (so a missing or empty file is a start-up error);
 *                            present exactly when {@code tlsKeystore} is
 * @param tlsProtocols        enabled TLS versions, newest first: {@code [TLSv1.3]} or
 *                            {@code [TLSv1.3, TLSv1.2]}
 * @param tlsClientAuth       whether clients are asked for a certificate
 * @param tlsHandshakeTimeout time to complete the TLS handshake
 * @param maxStartups         connections not yet logged in, at once, in all; less than
 *                            {@code maxSessions} unless that is 1
 * @param maxStartupsPerAddress connections not yet logged in, at once, from one address
 * @param authDelay           delay after an address's first failed login, doubling per failure
 * @param authDelayMax        cap of that delay (it may be below {@code authDelay}; the cap wins)
 * @param authBlockAfter      failures within {@code authBlockWindow} that block an address
 * @param authBlockWindow     window in which an address's failures are counted
 * @param authBlockTime       how long a blocked address is refused
 * @param auditMaxBytes       audit log size that triggers rotation
 * @param auditKeep           rotated audit log files kept
 * @param maxJobs             background commands per session at once
 * @param idleTimeout         idle sessions are closed after this; empty means never
 * @param threads             the kind of thread for sessions, commands and jobs; {@code VIRTUAL}
 *                            only when the loader found Java 21 or later
 * @param configFile          the properties file that was read, if any (not a setting)
 * @param roles               every role by name, sorted, unmodifiable: {@code admin},
 *                            {@code operator} and {@code viewer} always, as built in or as
 *                            redefined by {@code role.*} lines of the properties file, and any
 *                            role the file adds (not a setting: file only)
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
        int passwordMinLength,
        Duration drainTimeout,
        Duration shutdownTimeout,
        boolean tls,
        Optional<Path> tlsKeystore,
        Optional<Path> tlsKeystorePasswordFile,
        Optional<Secret> tlsKeystorePassword,
        List<String> tlsProtocols,
        ClientAuth tlsClientAuth,
        Duration tlsHandshakeTimeout,
        int maxStartups,
        int maxStartupsPerAddress,
        Duration authDelay,
        Duration authDelayMax,
        int authBlockAfter,
        Duration authBlockWindow,
        Duration authBlockTime,
        long auditMaxBytes,
        int auditKeep,
        int maxJobs,
        Optional<Duration> idleTimeout,
        ThreadKind threads,
        Optional<Path> configFile,
        Map<String, RoleDefinition> roles) {

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
        Objects.requireNonNull(tlsKeystore, "tlsKeystore");
        Objects.requireNonNull(tlsKeystorePasswordFile, "tlsKeystorePasswordFile");
        Objects.requireNonNull(tlsKeystorePassword, "tlsKeystorePassword");
        tlsProtocols = List.copyOf(tlsProtocols);
        Objects.requireNonNull(tlsClientAuth, "tlsClientAuth");
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(authDelay, "authDelay");
        Objects.requireNonNull(authDelayMax, "authDelayMax");
        Objects.requireNonNull(authBlockWindow, "authBlockWindow");
        Objects.requireNonNull(authBlockTime, "authBlockTime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(threads, "threads");
        Objects.requireNonNull(configFile, "configFile");
        roles = Collections.unmodifiableSortedMap(new TreeMap<>(roles));
        for (Role r : Role.BUILT_IN) {
            if (!roles.containsKey(r.name())) {
                throw new IllegalArgumentException("roles lacks built-in role " + r.name());
            }
        }
        roles.forEach((name, d) -> {
            if (!name.equals(d.name())) {
                throw new IllegalArgumentException("role " + d.name() + " is filed under " + name);
            }
        });
    }

    /**
     * Builds the record from loaded values; the one place that maps definitions to components.
     *
     * @param keystorePassword the password as the loader resolved it (from the setting or
     *                         read from the password file)
     */
    static ServerSettings from(SettingsLoader.Values v, Optional<Secret> keystorePassword,
                               Optional<Path> configFile, Map<String, RoleDefinition> roles) {
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
                v.get(Settings.PASSWORD_MIN_LENGTH),
                v.get(Settings.DRAIN_TIMEOUT),
                v.get(Settings.SHUTDOWN_TIMEOUT),
                v.get(Settings.TLS),
                v.get(Settings.TLS_KEYSTORE),
                v.get(Settings.TLS_KEYSTORE_PASSWORD_FILE),
                keystorePassword,
                v.get(Settings.TLS_PROTOCOLS),
                v.get(Settings.TLS_CLIENT_AUTH),
                v.get(Settings.TLS_HANDSHAKE_TIMEOUT),
                v.get(Settings.MAX_STARTUPS),
                v.get(Settings.MAX_STARTUPS_PER_ADDRESS),
                v.get(Settings.AUTH_DELAY),
                v.get(Settings.AUTH_DELAY_MAX),
                v.get(Settings.AUTH_BLOCK_AFTER),
                v.get(Settings.AUTH_BLOCK_WINDOW),
                v.get(Settings.AUTH_BLOCK_TIME),
                v.get(Settings.AUDIT_MAX_BYTES),
                v.get(Settings.AUDIT_KEEP),
                v.get(Settings.MAX_JOBS),
                v.get(Settings.IDLE_TIMEOUT),
                v.get(Settings.THREADS),
                configFile,
                roles);
    }

    /** The definition of {@code role}; empty when no such role is configured. */
    public Optional<RoleDefinition> role(Role role) {
        return Optional.ofNullable(roles.get(role.name()));
    }

    /** {@link #execPath()} as a PATH value, directories joined with {@code :}. */
    public String execPathString() {
        return execPath.stream().map(Path::toString).collect(Collectors.joining(":"));
    }
}
