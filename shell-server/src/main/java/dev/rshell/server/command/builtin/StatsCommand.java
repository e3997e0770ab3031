package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.ServerControl.Stats;
import java.util.List;

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
 * Uptime as {@code uptime} shows it; sizes in binary units; a heap without a limit shows
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
                "uptime: " + UptimeCommand.duration(s.uptime()),
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
}
