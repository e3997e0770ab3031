package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandRegistry;
import java.time.Clock;

/**
 * The entry point of this package: registers every built-in command.
 *
 * <pre>{@code
 * CommandRegistry registry = new CommandRegistry();
 * Builtins.registerAll(registry);
 * registry.freeze();
 * }</pre>
 *
 * <p>Thread safety: call it while building the registry, before {@code freeze()}; the
 * commands it adds are stateless and shared by every session.
 */
public final class Builtins {

    private Builtins() {
    }

    /**
     * Registers {@code cat cd command date echo env exit export head help hostname jobs kick
     * kill ls passwd pwd shutdown sleep stats sysinfo tail unset uptime wait wall who whoami},
     * using the system clock and time zone.
     *
     * @throws IllegalStateException if one of the names is already registered or the registry
     *                               is frozen
     */
    public static void registerAll(CommandRegistry registry) {
        Clock clock = Clock.systemDefaultZone();
        SystemStats stats = SystemStats.system();
        registry.register(new HelpCommand())
                .register(new EchoCommand())
                .register(new PwdCommand())
                .register(new CdCommand())
                .register(new EnvCommand())
                .register(new ExportCommand())
                .register(new UnsetCommand())
                .register(new SleepCommand())
                .register(new WhoamiCommand())
                .register(new PasswdCommand())
                .register(new HostnameCommand())
                .register(new DateCommand(clock))
                .register(new UptimeCommand(clock, stats))
                .register(new SysinfoCommand())
                .register(new LsCommand())
                .register(new CatCommand())
                .register(new HeadCommand())
                .register(new TailCommand())
                .register(new JobsCommand(clock))
                .register(new KillCommand())
                .register(new WaitCommand())
                .register(new WhoCommand(clock))
                .register(new WallCommand())
                .register(new KickCommand())
                .register(new ShutdownCommand())
                .register(new StatsCommand())
                .register(new CommandCommand())
                .register(new ExitCommand());
    }
}
