package dev.rshell.server.cli;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.user.FirstStart;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.UserStore;
import dev.rshell.server.ShellServer;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.audit.AuditLog;
import java.time.Instant;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--no-tls", description = "Serve plain TCP instead of TLS (the same as --tls off).")
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
        ServerSettings settings = CliSettings.load(spec, env);
        RootWarning.forUid(RootWarning.currentUid()).ifPresent(err::println);
        // Bind before preparing anything: a second server on a taken port must leave a new data
        // directory as it found it, with no admin password printed for an account nobody can use.
        ServerSocket socket;
        try {
            socket = ShellServer.bind(settings);
        } catch (IOException e) {
            err.println("rshell-server: can't listen on " + HostPort.format(settings.bind(), settings.port()) + ": "
                    + e.getMessage());
            return ServerMain.FAILURE;
        }
        ShellServer server;
        AuditLog audit;
        InetSocketAddress bound;
        ServerIdentity identity;
        try {
            DataDirectory.prepare(settings.dataDir());
            UserStore users = UserStore.forSettings(settings);
            PasswordHasher hasher = PasswordHasher.forSettings(settings);
            identity = settings.tls() ? ServerIdentities.load(settings) : null;
            FirstStart.ensureAdmin(users, hasher, CliSettings.home(env)).ifPresent(admin -> {
                out.println("created user " + admin.account().name() + " (role admin) with password: "
                        + admin.password());
                out.println("it is shown only this once; change it with: rshell-server user passwd "
                        + admin.account().name() + locationOptions(settings));
            });
            audit = AuditLog.open(settings);
            server = new ShellServer(settings, users, hasher, identity, audit);
        } catch (RuntimeException e) {
            closeQuietly(socket);
            throw e;
        }
        try {
            bound = server.start(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            server.shutdown("server failed to start");
            audit.close();
            err.println("rshell-server: can't start on " + HostPort.format(settings.bind(), settings.port()) + ": "
                    + e.getMessage());
            return ServerMain.FAILURE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Signals.onTerminate(stop::countDown);
        server.onShutdownRequest(stop::countDown);
        if (identity != null) {
            out.println("certificate fingerprint " + identity.fingerprint());
        } else if (!bound.getAddress().isLoopbackAddress()) {
            err.println("rshell-server: warning: serving plain TCP on " + HostPort.format(bound)
                    + ": passwords and commands cross the network unencrypted; drop --no-tls to serve TLS");
        }
        audit.record(new AuditEvent.Server(Instant.now(), "start", HostPort.format(bound)
                + (identity == null ? " plain" : " tls " + identity.fingerprint())));
        out.println("listening on " + HostPort.format(bound));
        out.flush();
        stop.await();
        err.println("rshell-server: shutting down");
        boolean clean = server.shutdown("server shutting down in " + settings.shutdownTimeout().toSeconds()
                + " s at most");
        audit.record(new AuditEvent.Server(Instant.now(), "stop", clean ? "clean" : "sessions cut"));
        audit.close();
        if (!clean) {
            err.println("rshell-server: some sessions did not end within shutdown-timeout ("
                    + settings.shutdownTimeout().toSeconds() + " s); they were cut");
        }
        return 0;
    }

    /**
     * The options a {@code user} command needs to find this server's files: the data directory
     * always, and the properties file when it is not the one found in the data directory.
     */
    static String locationOptions(ServerSettings settings) {
        StringBuilder b = new StringBuilder(" --data-dir ").append(Shell.quote(settings.dataDir().toString()));
        settings.configFile()
                .filter(f -> !f.equals(settings.dataDir().resolve(ServerSettings.CONFIG_FILE_NAME)))
                .ifPresent(f -> b.append(" --config ").append(Shell.quote(f.toString())));
        return b.toString();
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a socket that never accepted: nothing left to report
        }
    }
}
