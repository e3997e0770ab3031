package dev.rshell.server.cli;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.Setting;
import dev.rshell.config.Settings;
import dev.rshell.config.SettingsLoader;
import dev.rshell.config.user.FirstStart;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.UserStore;
import dev.rshell.server.ShellServer;
import dev.rshell.server.audit.AuditSink;
import dev.rshell.server.auth.PasswordAuthenticator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code rshell-server [SETTINGS...]}: loads and checks the settings, prepares the data
 * directory and the first account, serves until SIGTERM or SIGINT, then shuts down
 * gracefully and answers 0.
 */
@Command(name = "rshell-server", mixinStandardHelpOptions = true, versionProvider = Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Serves rshell sessions: logs users in and runs their command lines.",
            "Settings come from the properties file, RSHELL_SERVER_* variables and these flags,"
                + " in rising precedence."},
        footer = {"", "Exit status: 0 after a clean run or shutdown, 1 on a runtime failure,"
                + " 2 on a usage or configuration error."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with settings (default: DATA_DIR/server.properties if present).")
    private Path config;

    @Option(names = "--no-tls", description = "Serve plain TCP instead of TLS."
            + " This version serves plain TCP only; the flag is accepted so scripts keep working when TLS"
            + " becomes the default.")
    private boolean noTls;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    ServeCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerSettings settings = loadSettings();
        DataDirectory.prepare(settings.dataDir());
        UserStore users = new UserStore(settings.dataDir());
        PasswordHasher hasher = PasswordHasher.forSettings(settings);
        FirstStart.ensureAdmin(users, hasher, Path.of(System.getProperty("user.home"))).ifPresent(admin -> {
            out.println("created user " + admin.account().name() + " (role admin) with password: " + admin.password());
            out.println("it is shown only this once; change it with: rshell-server user passwd "
                    + admin.account().name());
        });
        ShellServer server = new ShellServer(settings,
                new PasswordAuthenticator(users, hasher, settings.maxConcurrentLogins()), AuditSink.NONE);
        InetSocketAddress bound;
        try {
            bound = server.start();
        } catch (IOException e) {
            server.shutdown("server failed to start");
            err.println("rshell-server: can't listen on " + settings.bind() + ":" + settings.port() + ": "
                    + e.getMessage());
            return ServerMain.FAILURE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        out.println("listening on " + HostPort.format(bound));
        out.flush();
        stop.await();
        err.println("rshell-server: shutting down");
        boolean clean = server.shutdown("server shutting down in " + settings.shutdownTimeout().toSeconds()
                + " s at most");
        if (!clean) {
            err.println("rshell-server: some sessions did not end within shutdown-timeout ("
                    + settings.shutdownTimeout().toSeconds() + " s); they were cut");
        }
        return 0;
    }

    private ServerSettings loadSettings() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> flags = new LinkedHashMap<>();
        for (Setting<?> setting : Settings.definitions()) {
            if (parsed.hasMatchedOption(setting.flag())) {
                flags.put(setting.name(), parsed.matchedOptionValue(setting.flag(), ""));
            }
        }
        return new SettingsLoader(env, Path.of(System.getProperty("user.home")), Runtime.getRuntime().maxMemory())
                .load(Optional.ofNullable(config), flags);
    }
}
