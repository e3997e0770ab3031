package dev.rshell.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them: {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h},
 * {@code 7d}, or a plain number of seconds ({@code 60}). Case-insensitive; whole numbers
 * only, since {@code 1.5s} is just {@code 1500ms}.
 */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*([A-Za-z]*)");

    private Durations() {
    }

    /** The duration {@code text} stands for; empty when it is not one. */
    public static Optional<Duration> parse(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1)); // at most 12 digits: no overflow in any unit
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Optional.of(Duration.ofMillis(n));
            case "", "s" -> Optional.of(Duration.ofSeconds(n));
            case "m" -> Optional.of(Duration.ofMinutes(n));
            case "h" -> Optional.of(Duration.ofHours(n));
            case "d" -> Optional.of(Duration.ofDays(n));
            default -> Optional.empty();
        };
    }

    /** {@code d} in the largest unit that divides it exactly: "500ms", "90s", "2m", "1h", "7d". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
