package dev.rshell.client.batch;

/**
 * How a batch run sends its commands.
 *
 * @param window      the most commands in flight (sent, not yet ended or backgrounded) without
 *                    {@code -e}; {@code --window}, default {@value #DEFAULT_WINDOW}
 * @param stopOnError {@code -e}: send each command only after the previous one succeeded, and
 *                    stop at the first non-zero status
 */
public record BatchSettings(int window, boolean stopOnError) {

    /** Default window: below the server's default max-pending of 1024 lines. */
    public static final int DEFAULT_WINDOW = 256;
    /** Largest window accepted. */
    public static final int MAX_WINDOW = 65536;

    public BatchSettings {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1 to " + MAX_WINDOW + ": " + window);
        }
    }
}
