package dev.rshell.client.interactive;

import dev.rshell.client.ClientHome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the interactive shell behaves.
 *
 * @param color             colour {@code err} lines and notices; off with {@code --no-color}
 *                          or a non-empty {@code NO_COLOR}
 * @param keepalive         the {@code --keepalive} interval, or null for none
 * @param historyFile       where the history is kept, or null for none
 * @param completionTimeout how long Tab waits for the server's {@code :complete} answer
 * @param quitTimeout       how long quitting waits for {@code bye} before closing anyway
 */
public record ShellSettings(boolean color, Duration keepalive, Path historyFile, Duration completionTimeout,
                            Duration quitTimeout) {

    /** Tab waits at most this long for candidates. */
    public static final Duration COMPLETION_TIMEOUT = Duration.ofMillis(500);
    /** Quitting waits at most this long for {@code bye}. */
    public static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);

    public ShellSettings {
        Objects.requireNonNull(completionTimeout, "completionTimeout");
        Objects.requireNonNull(quitTimeout, "quitTimeout");
    }

    /**
     * The settings for a session with {@code host:port}, from the environment and the flags.
     *
     * @param noColorFlag {@code --no-color}
     * @param keepalive   {@code --keepalive}, or null
     */
    public static ShellSettings of(Map<String, String> env, boolean noColorFlag, Duration keepalive,
                                   String host, int port) {
        String noColor = env.get("NO_COLOR");
        boolean color = !noColorFlag && (noColor == null || noColor.isEmpty());
        return new ShellSettings(color, keepalive, historyFile(env, host, port), COMPLETION_TIMEOUT, QUIT_TIMEOUT);
    }

    /**
     * {@code DIR/history-HOST-PORT} in the client's directory ({@link ClientHome}); characters
     * other than letters, digits, {@code .}, {@code _} and {@code -} in HOST become {@code _}.
     */
    public static Path historyFile(Map<String, String> env, String host, int port) {
        return ClientHome.directory(env).resolve("history-" + host.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + port);
    }
}
