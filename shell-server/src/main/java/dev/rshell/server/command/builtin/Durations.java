package dev.rshell.server.command.builtin;

import java.time.Duration;

/**
 * Short spans of time as {@code jobs} and {@code who} show them: the two largest units, the
 * second zero-padded ({@code 5s}, {@code 3m12s}, {@code 1h02m}, {@code 2d03h}). A negative span
 * (a clock set back) shows as {@code 0s}.
 *
 * <p>Thread safety: stateless.
 */
final class Durations {

    private Durations() {
    }

    /** {@code 5s}, {@code 3m12s}, {@code 1h02m}, {@code 2d03h}: how long a job has run. */
    static String elapsed(Duration span) {
        long s = Math.max(0, span.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + two(s % 60) + "s";
        }
        return hoursAndMore(s);
    }

    /**
     * {@code 0s}, {@code 42s}, {@code 3m}, {@code 1h02m}, {@code 2d03h}: idle time, where
     * seconds stop mattering once it is past a minute (as in {@code w}).
     */
    static String idle(Duration span) {
        long s = Math.max(0, span.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m";
        }
        return hoursAndMore(s);
    }

    private static String hoursAndMore(long s) {
        if (s < 86_400) {
            return s / 3600 + "h" + two(s / 60 % 60) + "m";
        }
        return s / 86_400 + "d" + two(s / 3600 % 24) + "h";
    }

    private static String two(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
