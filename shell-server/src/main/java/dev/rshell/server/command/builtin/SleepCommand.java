package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code sleep SECONDS}: waits, for testing timeouts, {@code :interrupt} and background jobs.
 * SECONDS is a plain decimal ({@code 2}, {@code 0.5}, {@code .25}); no suffixes, signs or
 * exponents. It is bounded by {@link #MAX_SECONDS} (a year) so the nanosecond count can't
 * overflow.
 */
final class SleepCommand extends BuiltinCommand {

    /** The longest sleep, in seconds. */
    static final long MAX_SECONDS = 31_536_000;

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,9}(\\.[0-9]*)?|\\.[0-9]+");
    private static final String BAD_SECONDS =
            "SECONDS must be a number from 0 to " + MAX_SECONDS;

    SleepCommand() {
        super("sleep", "sleep SECONDS", "wait SECONDS (decimals allowed, e.g. 0.5)");
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        if (args.size() != 1) {
            throw usage(args.isEmpty() ? "missing SECONDS" : "too many arguments");
        }
        String text = args.get(0);
        if (!DECIMAL.matcher(text).matches()) {
            throw usage(BAD_SECONDS);
        }
        BigDecimal seconds = new BigDecimal(text.startsWith(".") ? "0" + text : text);
        if (seconds.compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
            throw usage(BAD_SECONDS);
        }
        long nanos = seconds.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact();
        // Thread.sleep throws InterruptedException on :interrupt; the caller reports 130.
        TimeUnit.NANOSECONDS.sleep(nanos);
        return 0;
    }
}
