package dev.rshell.client.fanout;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run over many hosts proceeds.
 *
 * @param fanout         the most sessions at a time ({@code --fanout N}, default
 *                       {@value #DEFAULT_FANOUT}, 1 to {@value #MAX_FANOUT})
 * @param commandTimeout per host, from login to the last command's end ({@code --command-timeout}):
 *                       past it the host's running command is interrupted (the server ends its
 *                       process tree), the session closed, and the host counts as timed out;
 *                       empty: no limit
 * @param interruptGrace after {@link FanoutRunner#interruptAll()} (and after a command timeout),
 *                       how long to wait for the interrupted commands' {@code end}s before the
 *                       connections are closed and the results reported; default
 *                       {@link #DEFAULT_INTERRUPT_GRACE}
 * @param window         the most commands in flight per host without {@code -e}, as the batch
 *                       client's {@code --window}
 * @param stopOnError    {@code -e}: each command only after the previous one succeeded, per host
 */
public record FanoutSettings(int fanout, Optional<Duration> commandTimeout, Duration interruptGrace, int window,
                             boolean stopOnError) {

    /** {@code --fanout}'s default, as pdsh's and clush's. */
    public static final int DEFAULT_FANOUT = 32;
    /** The most {@code --fanout} allows: each session costs two threads. */
    public static final int MAX_FANOUT = 1024;
    /** How long an interrupted run waits for its commands' ends. */
    public static final Duration DEFAULT_INTERRUPT_GRACE = Duration.ofSeconds(2);
    /** The per-host window by default, as the batch client's. */
    public static final int DEFAULT_WINDOW = 256;

    public FanoutSettings {
        if (fanout < 1 || fanout > MAX_FANOUT) {
            throw new IllegalArgumentException("bad --fanout " + fanout + ": must be 1 to " + MAX_FANOUT);
        }
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        commandTimeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("bad --command-timeout: must be more than 0");
            }
        });
        if (interruptGrace.isNegative()) {
            throw new IllegalArgumentException("the interrupt grace can't be negative");
        }
        if (window < 1) {
            throw new IllegalArgumentException("the window must be at least 1: " + window);
        }
    }

    /** The defaults: fanout 32, no command timeout, 2 s grace, window 256, no {@code -e}. */
    public static FanoutSettings defaults() {
        return new FanoutSettings(DEFAULT_FANOUT, Optional.empty(), DEFAULT_INTERRUPT_GRACE, DEFAULT_WINDOW, false);
    }

    public FanoutSettings withFanout(int n) {
        return new FanoutSettings(n, commandTimeout, interruptGrace, window, stopOnError);
    }

    public FanoutSettings withCommandTimeout(Duration timeout) {
        return new FanoutSettings(fanout, Optional.of(timeout), interruptGrace, window, stopOnError);
    }

    public FanoutSettings withInterruptGrace(Duration grace) {
        return new FanoutSettings(fanout, commandTimeout, grace, window, stopOnError);
    }

    public FanoutSettings withStopOnError(boolean stop) {
        return new FanoutSettings(fanout, commandTimeout, interruptGrace, window, stop);
    }

    /** The command timeout as written in messages: {@code 5s}, {@code 0.5s}. */
    String commandTimeoutText() {
        long ms = commandTimeout.orElseThrow().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s"
                : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
