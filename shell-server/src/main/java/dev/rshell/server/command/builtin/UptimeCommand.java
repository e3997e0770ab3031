package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code uptime}: one line with how long the server (not the host) has run and the host's
 * load averages, e.g. {@code server up 3 days, 04:05:06, load average: 0.12, 0.34, 0.56}.
 */
final class UptimeCommand extends BuiltinCommand {

    private final Clock clock;
    private final SystemStats stats;

    /**
     * @param clock the current time; the system clock outside tests
     * @param stats where the load average comes from
     */
    UptimeCommand(Clock clock, SystemStats stats) {
        super("uptime", "uptime", "show how long the server has run, and the host's load");
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        Duration up = Duration.between(context.server().startedAt(), clock.instant());
        context.output().out("server up " + duration(up) + ", load average: "
                + stats.loadAverage().orElse("unavailable"));
        return 0;
    }

    /** {@code 04:05:06}, or {@code 1 day, 04:05:06}; a clock set back shows zero. */
    static String duration(Duration up) {
        long seconds = Math.max(0, up.getSeconds());
        long days = seconds / 86_400;
        String time = String.format(Locale.ROOT, "%02d:%02d:%02d",
                seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        if (days == 0) {
            return time;
        }
        return days + (days == 1 ? " day, " : " days, ") + time;
    }
}
