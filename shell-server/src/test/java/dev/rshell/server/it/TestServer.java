package dev.rshell.server.it;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.Role;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import dev.rshell.server.ShellServer;
import dev.rshell.server.audit.AuditSink;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A real server on 127.0.0.1, port 0, with a throw-away data directory and two users:
 * {@code alice} (operator) and {@code root} (admin), both with password {@link #PASSWORD}.
 * Argon2 runs at a cheap cost so tests log in quickly.
 */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";

    final Path dataDir;
    final Path home;
    final ShellServer server;
    final InetSocketAddress address;
    final ServerSettings settings;

    private TestServer(Path dataDir, Map<String, String> flags) throws IOException {
        this.dataDir = dataDir;
        this.home = Files.createDirectories(dataDir.resolve("home-alice"));
        Map<String, String> all = new HashMap<>();
        all.put("port", "0");
        all.put("bind", "127.0.0.1");
        all.put("data-dir", dataDir.toString());
        all.put("argon2-memory", "64k");
        all.put("argon2-iterations", "1");
        all.put("drain-timeout", "200ms");
        all.put("kill-grace", "500ms");
        all.put("tls", "off");
        all.putAll(flags);
        settings = new SettingsLoader(Map.of(), dataDir, Runtime.getRuntime().maxMemory())
                .load(Optional.empty(), all);
        UserStore users = UserStore.forSettings(settings);
        PasswordHasher hasher = PasswordHasher.forSettings(settings);
        users.add(UserAccount.withPassword("alice", Role.OPERATOR, home, hasher.hash(PASSWORD.toCharArray())));
        users.add(UserAccount.withPassword("root", Role.ADMIN, home, hasher.hash(PASSWORD.toCharArray())));
        server = new ShellServer(settings, users, hasher, null, AuditSink.NONE);
        address = server.start();
    }

    static TestServer start(Path dataDir) throws IOException {
        return new TestServer(dataDir, Map.of());
    }

    static TestServer start(Path dataDir, Map<String, String> flags) throws IOException {
        return new TestServer(dataDir, flags);
    }

    RawClient connect() throws IOException {
        return new RawClient(address);
    }

    /** A connected client already logged in as alice, past the {@code cwd} line. */
    RawClient login() throws IOException {
        RawClient c = connect();
        c.expectPrefix("hello rshell/1 ");
        c.send(":login alice " + PASSWORD);
        c.expect("ok logged in as alice (operator)");
        c.expect("cwd " + home);
        return c;
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown("test over");
    }
}
