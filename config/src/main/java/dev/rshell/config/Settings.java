package dev.rshell.config;

import dev.rshell.common.tls.ClientAuth;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every server setting, defined once. To add a setting: add a constant here, add it to
 * {@link #definitions()}, add a component to {@link ServerSettings} and read it in
 * {@code ServerSettings.from}. The file, environment, flags, {@code --help} and the README
 * table all follow from the definition.
 *
 * <p>Roles ({@code role.NAME.KEY} lines of the properties file) are not settings; see
 * {@link dev.rshell.config.role.Roles}.
 */
public final class Settings {

    public static final Setting<String> BIND = new Setting<>("bind", ValueTypes.host(),
            "127.0.0.1", "Address to listen on; 0.0.0.0 or :: for every interface.");
    public static final Setting<Integer> PORT = new Setting<>("port", ValueTypes.integer(0, 65535),
            "7022", "TCP port to listen on; 0 picks any free port.");
    public static final Setting<Path> DATA_DIR = new Setting<>("data-dir", ValueTypes.absolutePath(),
            "~/.local/share/rshell-server",
            "Directory of the server's files: users, server.properties, certificates, audit log;"
                    + " the default is $XDG_DATA_HOME/rshell-server when XDG_DATA_HOME is set.");
    public static final Setting<Boolean> TLS = new Setting<>("tls", ValueTypes.onOff(), "on",
            "Serve TLS; off serves plain TCP (the server's --no-tls sets it off).");
    public static final Setting<Optional<Path>> TLS_KEYSTORE = new Setting<>("tls-keystore",
            ValueTypes.optionalAbsolutePath(), "none",
            "PKCS#12 file with the server's key and certificate, opened with the password of"
                    + " tls-keystore-password-file or tls-keystore-password; none: the generated"
                    + " DATA_DIR/server.p12.");
    public static final Setting<Optional<Path>> TLS_KEYSTORE_PASSWORD_FILE = new Setting<>(
            "tls-keystore-password-file", ValueTypes.optionalAbsolutePath(), "none",
            "File whose first line is the tls-keystore password; read at start-up.");
    public static final Setting<Optional<Secret>> TLS_KEYSTORE_PASSWORD = Setting.ofSecret(
            "tls-keystore-password", ValueTypes.secret(1024), "",
            "The tls-keystore password itself, meant for the variable; never shown.");
    public static final Setting<List<String>> TLS_PROTOCOLS = new Setting<>("tls-protocols",
            ValueTypes.tlsProtocols(), "TLSv1.3", "TLS versions the server accepts.");
    public static final Setting<ClientAuth> TLS_CLIENT_AUTH = new Setting<>("tls-client-auth",
            ValueTypes.clientAuth(), "optional",
            "Whether clients are asked for a certificate; optional allows certificate logins"
                    + " while passwords still work.");
    public static final Setting<Duration> TLS_HANDSHAKE_TIMEOUT = new Setting<>(
            "tls-handshake-timeout", ValueTypes.duration(Duration.ofSeconds(1), Duration.ofMinutes(5)),
            "10s", "Time from accept a connection has to complete the TLS handshake; trickled bytes"
                    + " do not extend it.");
    public static final Setting<Integer> MAX_SESSIONS = new Setting<>("max-sessions",
            ValueTypes.integer(1, 100_000), "256", "Most sessions at once; more get \"bye busy\".");
    public static final Setting<Integer> MAX_STARTUPS = new Setting<>("max-startups",
            ValueTypes.integer(1, 100_000), "64",
            "Connections not yet logged in, at once, from all addresses. When all are taken, a newcomer"
                    + " takes the place of one from an address holding more of them than its own would"
                    + " (that one is dropped), else gets \"bye busy\". Must be less than max-sessions"
                    + " (as sshd's MaxStartups).");
    public static final Setting<Integer> MAX_STARTUPS_PER_ADDRESS = new Setting<>(
            "max-startups-per-address", ValueTypes.integer(1, 100_000), "10",
            "Connections not yet logged in, at once, from one address.");
    public static final Setting<ThreadKind> THREADS = new Setting<>("threads", ValueTypes.threadKind(),
            "platform", "Threads that run sessions, commands and background jobs: platform (an OS thread"
                    + " each) or virtual (many per OS thread, so an idle session holds no thread stack).");
    public static final Setting<Integer> MAX_LINE = new Setting<>("max-line",
            ValueTypes.integer(256, 16_777_216), "65536",
            "Longest client line in bytes; a longer one fails with status 2.");
    public static final Setting<Integer> MAX_PENDING_LINES = new Setting<>("max-pending-lines",
            ValueTypes.integer(1, 1_000_000), "1024",
            "Command lines queued per session before the server stops reading it.");
    public static final Setting<Long> MAX_PENDING_BYTES = new Setting<>("max-pending-bytes",
            ValueTypes.size(Sizes.KIB, Sizes.GIB), "1MiB",
            "Bytes of queued command lines per session before the server stops reading it.");
    public static final Setting<Duration> WRITE_TIMEOUT = new Setting<>("write-timeout",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofHours(1)), "60s",
            "A write to a client stalled longer than this drops the session.");
    public static final Setting<Duration> LOGIN_GRACE = new Setting<>("login-grace",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofHours(1)), "30s",
            "Time from accept a connection has to log in; trickled bytes do not extend it.");
    public static final Setting<Integer> MAX_AUTH_TRIES = new Setting<>("max-auth-tries",
            ValueTypes.integer(1, 100), "3", "Failed logins allowed per connection.");
    public static final Setting<Duration> AUTH_DELAY = new Setting<>("auth-delay",
            ValueTypes.duration(Duration.ZERO, Duration.ofSeconds(10)), "500ms",
            "Delay of the answer after a failed login from an address, doubling with each further"
                    + " failure from it.");
    public static final Setting<Duration> AUTH_DELAY_MAX = new Setting<>("auth-delay-max",
            ValueTypes.duration(Duration.ZERO, Duration.ofMinutes(1)), "8s",
            "Cap of the auth-delay growth.");
    public static final Setting<Integer> AUTH_BLOCK_AFTER = new Setting<>("auth-block-after",
            ValueTypes.integer(1, 10_000), "10",
            "Failed logins from one address within auth-block-window that block it.");
    public static final Setting<Duration> AUTH_BLOCK_WINDOW = new Setting<>("auth-block-window",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "10m",
            "Window in which failed logins of an address are counted.");
    public static final Setting<Duration> AUTH_BLOCK_TIME = new Setting<>("auth-block-time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "5m",
            "How long a blocked address is refused (\"bye blocked\", naming the wait).");
    public static final Setting<Optional<Duration>> COMMAND_TIMEOUT = new Setting<>(
            "command-timeout", ValueTypes.optionalDuration(Duration.ofDays(365)), "none",
            "A command running longer is ended with status 124; none for no limit.");
    public static final Setting<Duration> KILL_GRACE = new Setting<>("kill-grace",
            ValueTypes.duration(Duration.ZERO, Duration.ofMinutes(1)), "2s",
            "Delay between TERM and KILL when ending an OS process.");
    public static final Setting<Boolean> EXEC = new Setting<>("exec", ValueTypes.onOff(), "on",
            "Whether sessions may run OS commands (off: built-in commands only).");
    public static final Setting<List<Path>> EXEC_PATH = new Setting<>("exec-path",
            ValueTypes.absoluteDirectories(), "/usr/local/bin:/usr/bin:/bin",
            "PATH of sessions: where OS commands are looked up.");
    public static final Setting<String> LANG = new Setting<>("lang", ValueTypes.localeName(),
            "C.UTF-8", "LANG of sessions.");
    public static final Setting<Optional<Duration>> IDLE_TIMEOUT = new Setting<>("idle-timeout",
            ValueTypes.optionalDuration(Duration.ofDays(365)), "30m",
            "A logged-in session with no input and no running command this long is closed, after a"
                + " warning a minute before; none (or 0) for never.");
    public static final Setting<Integer> MAX_JOBS = new Setting<>("max-jobs",
            ValueTypes.integer(1, 1024), "16", "Background commands one session may run at once.");
    public static final Setting<Integer> ARGON2_MEMORY = new Setting<>("argon2-memory",
            ValueTypes.kibSize(8, 4 * 1024 * 1024), "19MiB",
            "Argon2id memory cost of new password hashes; each login verification allocates it.");
    public static final Setting<Integer> ARGON2_ITERATIONS = new Setting<>("argon2-iterations",
            ValueTypes.integer(1, 100), "2", "Argon2id iterations (time cost) of new password hashes.");
    public static final Setting<Integer> ARGON2_PARALLELISM = new Setting<>("argon2-parallelism",
            ValueTypes.integer(1, 16), "1", "Argon2id lanes (parallelism) of new password hashes.");
    public static final Setting<Integer> MAX_CONCURRENT_LOGINS = new Setting<>(
            "max-concurrent-logins", ValueTypes.integer(1, 1024), "4",
            "Password verifications running at once; others wait.");
    public static final Setting<Integer> PASSWORD_MIN_LENGTH = new Setting<>("password-min-length",
            ValueTypes.integer(1, 1024), "8",
            "Fewest characters of a new password, for passwd and for rshell-server user add and"
                    + " user passwd.");
    public static final Setting<Long> AUDIT_MAX_BYTES = new Setting<>("audit-max-bytes",
            ValueTypes.size(4 * Sizes.KIB, Sizes.GIB), "10MiB",
            "Size beyond which DATA_DIR/audit.log is rotated.");
    public static final Setting<Integer> AUDIT_KEEP = new Setting<>("audit-keep",
            ValueTypes.integer(1, 1000), "5", "Rotated audit log files kept.");
    public static final Setting<Duration> DRAIN_TIMEOUT = new Setting<>("drain-timeout",
            ValueTypes.duration(Duration.ZERO, Duration.ofMinutes(1)), "1s",
            "How long a closing connection is half-closed and drained, so its last lines arrive.");
    public static final Setting<Duration> SHUTDOWN_TIMEOUT = new Setting<>("shutdown-timeout",
            ValueTypes.duration(Duration.ZERO, Duration.ofMinutes(10)), "10s",
            "Graceful shutdown deadline: sessions are warned, then closed.");

    private static final List<Setting<?>> ALL = List.of(BIND, PORT, DATA_DIR,
            TLS, TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD_FILE, TLS_KEYSTORE_PASSWORD, TLS_PROTOCOLS,
            TLS_CLIENT_AUTH, TLS_HANDSHAKE_TIMEOUT,
            MAX_SESSIONS, MAX_STARTUPS, MAX_STARTUPS_PER_ADDRESS, THREADS,
            MAX_LINE, MAX_PENDING_LINES, MAX_PENDING_BYTES, WRITE_TIMEOUT, LOGIN_GRACE,
            MAX_AUTH_TRIES, AUTH_DELAY, AUTH_DELAY_MAX, AUTH_BLOCK_AFTER, AUTH_BLOCK_WINDOW,
            AUTH_BLOCK_TIME, COMMAND_TIMEOUT, KILL_GRACE, EXEC, EXEC_PATH, LANG, MAX_JOBS, IDLE_TIMEOUT,
            ARGON2_MEMORY, ARGON2_ITERATIONS, ARGON2_PARALLELISM, MAX_CONCURRENT_LOGINS, PASSWORD_MIN_LENGTH,
            AUDIT_MAX_BYTES, AUDIT_KEEP, DRAIN_TIMEOUT, SHUTDOWN_TIMEOUT);

    private Settings() {
    }

    /**
     * Every setting in documentation order: name, default text, description, env var name
     * and flag are on each {@link Setting}.
     */
    public static List<Setting<?>> definitions() {
        return ALL;
    }

    /** The setting called {@code name}, if there is one. */
    public static Optional<Setting<?>> find(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The setting name closest to a misspelled {@code name} (at most two edits away), for a
     * "did you mean" hint.
     */
    public static Optional<String> suggest(String name) {
        String best = null;
        int bestDistance = 3;
        for (Setting<?> s : ALL) {
            int d = editDistance(name, s.name());
            if (d < bestDistance) {
                best = s.name();
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * A Markdown table of every setting, for the README (a test keeps the two equal). A secret
     * shows no flag ({@code -}), since the loader refuses one; an empty default shows as
     * {@code (empty)}.
     */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder(
                "| setting | flag | variable | default | meaning | allowed |\n|---|---|---|---|---|---|\n");
        for (Setting<?> s : ALL) {
            b.append("| `").append(s.name()).append("` | ")
                    .append(s.secret() ? "-" : "`" + s.flag() + "`").append(" | `")
                    .append(s.envVar()).append("` | ")
                    .append(s.defaultText().isEmpty() ? "(empty)" : "`" + s.defaultText() + "`")
                    .append(" | ")
                    .append(s.description()).append(" | ")
                    .append(s.allowed().replace("|", "\\|")).append(" |\n");
        }
        return b.toString();
    }
}
