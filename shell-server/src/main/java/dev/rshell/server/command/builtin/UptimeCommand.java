package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.ServerControl.SessionInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code uptime [-p | -s]}: the host's uptime as procps {@code uptime} prints it, since that
 * is what the name means to an admin:
 * <pre>
 *  21:03:04 up 3 days,  2:11,  2 users,  load average: 0.10, 0.20, 0.30
 * </pre>
 * the time of day (the server's zone), how long the host has been up (from
 * {@code /proc/uptime}: {@code N day(s), } then {@code H:MM}, or {@code M min} under an hour),
 * the number of users, and the 1, 5 and 15 minute load averages ({@code /proc/loadavg}).
 *
 * <p>Users: the sessions logged in to this server, as {@code who} lists them (pre-login
 * connections don't count). The host's utmp would count terminal logins instead, which say
 * nothing about who is using this server, and is empty in most containers.
 *
 * <p>{@code -p} prints only the uptime, spelled out ({@code up 3 days, 2 hours, 11 minutes});
 * {@code -s} the time the host came up ({@code 2026-01-01 09:15:00}). A host without
 * {@code /proc/uptime} shows {@code up unavailable}. How long the server itself has run is in
 * {@code stats}.
 */
final class UptimeCommand extends BuiltinCommand {

    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss", Locale.ROOT);

    private final Clock clock;
    private final SystemStats stats;

    /**
     * @param clock the current time and zone; the system clock outside tests
     * @param stats where the host's uptime and load come from
     */
    UptimeCommand(Clock clock, SystemStats stats) {
        super("uptime", "uptime [-p | -s]", "show how long the host has been up, its users and load");
        this.clock = clock;
        this.stats = stats;
    }

    @Override
    boolean shadowsProgram() {
        return true;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, "ps", "");
        if (!options.operands().isEmpty()) {
            throw usage("too many arguments");
        }
        Optional<Duration> up = stats.hostUptime();
        if (options.has('p') || options.has('s')) {
            if (up.isEmpty()) {
                return error(context, "/proc/uptime", "host uptime unavailable");
            }
            if (options.has('s')) {
                LocalDateTime now = LocalDateTime.now(clock);
                context.output().out(SINCE.format(now.minusSeconds(up.get().getSeconds())));
            } else {
                context.output().out(pretty(up.get()));
            }
            return 0;
        }
        long users = context.control().sessions().stream().map(SessionInfo::user)
                .filter(user -> user != null).count();
        context.output().out(" " + TIME_OF_DAY.format(LocalDateTime.now(clock)) + " up "
                + up.map(UptimeCommand::hostDuration).orElse("unavailable") + ", "
                + String.format(Locale.ROOT, "%2d", users) + (users == 1 ? " user" : " users")
                + ",  load average: " + stats.loadAverage().orElse("unavailable"));
        return 0;
    }

    /** {@code 3 days,  2:11}, {@code 1 day, 17 min}, {@code  5:00}, {@code 0 min}. */
    static String hostDuration(Duration up) {
        long seconds = Math.max(0, up.getSeconds());
        long days = seconds / 86_400;
        long hours = seconds / 3600 % 24;
        long minutes = seconds / 60 % 60;
        String time = hours > 0 ? String.format(Locale.ROOT, "%2d:%02d", hours, minutes) : minutes + " min";
        return days == 0 ? time : days + (days == 1 ? " day, " : " days, ") + time;
    }

    /** {@code up 1 week, 2 days, 3 hours, 1 minute}; units that are zero are left out. */
    static String pretty(Duration up) {
        long seconds = Math.max(0, up.getSeconds());
        long[] amounts = {seconds / 604_800, seconds / 86_400 % 7, seconds / 3600 % 24, seconds / 60 % 60};
        String[] units = {"week", "day", "hour", "minute"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > 0) {
                parts.add(amounts[i] + " " + units[i] + (amounts[i] == 1 ? "" : "s"));
            }
        }
        return "up " + (parts.isEmpty() ? "0 minutes" : String.join(", ", parts));
    }
}
