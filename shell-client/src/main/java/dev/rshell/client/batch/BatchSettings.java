package dev.rshell.client.batch;

/**
 * How a batch run sends its commands.
 *
 * @param window      the most commands in flight (sent, not yet ended or backgrounded) without
 *                    {@code -e}; {@code --window}, default {@value #DEFAULT_WINDOW}
 * @param stopOnError {@code -e}: send each command only after the previous one succeeded, and
 *                    stop at the first non-zero status
 * @param stdinTo     the number of the command that gets the client's standard input (1 for
 *                    the first command of the script), or 0 when none does ({@code -n}, a
 *                    terminal, several commands without {@code --stdin-to}, or stdin holds the
 *                    script)
 */
public record BatchSettings(int window, boolean stopOnError, long stdinTo) {

    /** Default window: below the server's default max-pending of 1024 lines. */
    public static final int DEFAULT_WINDOW = 256;
    /** Largest window accepted. */
    public static final int MAX_WINDOW = 65536;

    public BatchSettings {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + ": " + window);
        }
        if (stdinTo < 0) {
            throw new IllegalArgumentException("stdinTo must be a command number or 0: " + stdinTo);
        }
    }

    /** Settings where no command gets standard input. */
    public BatchSettings(int window, boolean stopOnError) {
        this(window, stopOnError, 0);
    }

    /** These settings with {@code command} getting standard input (0: none). */
    public BatchSettings withStdinTo(long command) {
        return new BatchSettings(window, stopOnError, command);
    }
}
