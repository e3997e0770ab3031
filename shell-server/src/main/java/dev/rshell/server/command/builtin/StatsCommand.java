package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.ServerControl.Stats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code stats}: the server's figures, one {@code key: value} line each:
 *
 * <pre>
 * uptime: 01:02:03
 * sessions: 2 now, 5 peak
 * commands run: 40
 * commands failed: 3
 * bytes in: 2.0 KiB
 * bytes out: 3.0 MiB
 * threads: 17
 * heap: 12.0 MiB used / 1.0 GiB max
 * resident memory: 80.0 MiB
 * open file descriptors: 42
 * </pre>
 *
 * Uptime is the server's (the host's is {@code uptime}'s), as {@link #duration} writes it; sizes in binary units; a heap without a limit shows
 * {@code no max}; figures the host can't give (no {@code /proc}) show {@code unavailable}.
 */
final class StatsCommand extends BuiltinCommand {

    StatsCommand() {
        super("stats", "stats", "show the server's figures: sessions, commands, traffic, memory");
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        noArguments(args);
        Stats s = context.control().stats();
        String heapMax = s.heapMax() < 0 ? "no max" : SystemStats.bytes(s.heapMax()) + " max";
        List<String> lines = List.of(
                "uptime: " + duration(s.uptime()),
                "sessions: " + s.sessions() + " now, " + s.peakSessions() + " peak",
                "commands run: " + s.commandsRun(),
                "commands failed: " + s.commandsFailed(),
                "bytes in: " + SystemStats.bytes(s.bytesIn()),
                "bytes out: " + SystemStats.bytes(s.bytesOut()),
                "threads: " + s.threads(),
                "heap: " + SystemStats.bytes(s.heapUsed()) + " used / " + heapMax,
                "resident memory: " + s.residentBytes().map(SystemStats::bytes).orElse("unavailable"),
                "open file descriptors: "
                        + s.openFileDescriptors().map(String::valueOf).orElse("unavailable"));
        for (String line : lines) {
            context.output().out(line);
        }
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
