package dev.rshell.client.bench;

import dev.rshell.client.connect.SessionFailure;
import dev.rshell.common.protocol.ExitStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's resident memory and thread count, from its {@code stats} built-in: the output
 * lines {@code resident memory: SIZE} and {@code threads: N}. SIZE may be bytes
 * ({@code 123456789}, {@code 123456789 bytes}) or a number with a unit ({@code 117.7 MiB},
 * {@code 120 MB}, {@code 120540 kB}); every unit is binary, {@code kB} included, as
 * {@code /proc}'s {@code VmRSS} means it. A byte count in parentheses, as in
 * {@code 117.7 MiB (123456789 bytes)}, wins, being exact.
 *
 * <p>A server without {@code stats} (status 127), or one that doesn't let this user run it
 * (126), or whose output lacks either line, gives {@link Reading.Unavailable} with the reason,
 * and the bench goes on without these figures.
 *
 * <p>Thread safety: stateless.
 */
final class ServerStats {

    /** What one {@code stats} call told. */
    sealed interface Reading {
        record Available(long residentBytes, long threads) implements Reading {
        }

        record Unavailable(String why) implements Reading {
        }
    }

    private static final Pattern SIZE = Pattern.compile(
            "([0-9]+(?:\\.[0-9]+)?)\\s*(bytes?|b|kib|kb|k|mib|mb|m|gib|gb|g|tib|tb|t)?\\b");
    private static final Pattern PAREN_BYTES = Pattern.compile("\\(\\s*([0-9]+)\\s*(?:b|bytes?)\\s*\\)");
    private static final Pattern INTEGER = Pattern.compile("([0-9]+)");

    private ServerStats() {
    }

    /** Runs {@code stats} on the control session. */
    static Reading read(ControlSession control, Duration timeout) throws SessionFailure {
        ControlSession.Outcome o = control.run("stats", timeout);
        if (o.status() == ExitStatus.NOT_FOUND) {
            return new Reading.Unavailable("the server has no stats command");
        }
        if (o.status() == ExitStatus.NOT_PERMITTED) {
            return new Reading.Unavailable("this user may not run stats");
        }
        if (o.status() != 0) {
            return new Reading.Unavailable("stats failed with status " + o.status());
        }
        return parse(o.out());
    }

    /** Reads the two figures from {@code stats}' output lines. */
    static Reading parse(List<String> lines) {
        long resident = -1;
        long threads = -1;
        boolean residentUnknown = false;
        for (String raw : lines) {
            String line = raw.strip().toLowerCase(Locale.ROOT);
            if (line.startsWith("resident memory:")) {
                String value = line.substring("resident memory:".length()).strip();
                residentUnknown = value.equals("unavailable");
                resident = bytes(value);
            } else if (line.startsWith("threads:")) {
                Matcher m = INTEGER.matcher(line.substring("threads:".length()).strip());
                threads = m.lookingAt() ? Long.parseLong(m.group(1)) : -1;
            }
        }
        if (resident < 0 && residentUnknown) {
            return new Reading.Unavailable("the server can't tell its resident memory (stats says unavailable)");
        }
        if (resident < 0) {
            return new Reading.Unavailable("stats printed no readable \"resident memory:\" line");
        }
        if (threads < 0) {
            return new Reading.Unavailable("stats printed no readable \"threads:\" line");
        }
        return new Reading.Available(resident, threads);
    }

    /** A size in bytes, or -1 when the text isn't one. */
    static long bytes(String text) {
        // Digit groups ("123,456,789 bytes") are read as one number.
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("(?<=[0-9])[,_](?=[0-9]{3})", "");
        Matcher exact = PAREN_BYTES.matcher(t);
        if (exact.find()) {
            return Long.parseLong(exact.group(1));
        }
        Matcher m = SIZE.matcher(t);
        if (!m.lookingAt()) {
            return -1;
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long factor = switch (unit.charAt(0)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 1; // b, byte, bytes
        };
        return value.multiply(BigDecimal.valueOf(factor)).longValue();
    }
}
