package dev.rshell.server.it;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.Role;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import dev.rshell.server.ShellServer;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.server.audit.AuditLog;
import java.util.List;
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

    final ServerIdentity identity;
    final AuditLog audit;

    /**
     * @param root a directory of the test's own: the data directory and the users' home are
     *             made below it, side by side (a home inside the data dir would be fenced)
     */
    private TestServer(Path root, Map<String, String> flags) throws IOException {
        this.dataDir = root.resolve("data");
        this.home = Files.createDirectories(root.resolve("home-alice"));
        Map<String, String> all = new HashMap<>();
        all.put("port", "0");
        all.put("bind", "127.0.0.1");
        all.put("data-dir", dataDir.toString());
        all.put("argon2-memory", "64k");
        all.put("argon2-iterations", "1");
        all.put("drain-timeout", "200ms");
        all.put("kill-grace", "500ms");
        all.put("tls", "off");
        all.put("auth-delay", "10ms");
        all.put("auth-delay-max", "50ms");
        all.putAll(flags);
        Files.createDirectories(dataDir);
        // The fixture's operator may run any program (the tests use sh); role "op" keeps the
        // operator defaults but a short list of programs, for policy tests.
        Path config = Files.writeString(dataDir.resolve("test.properties"),
                "role.operator.exec = any\nrole.op.builtins = all-except:kick,shutdown\n"
                        + "role.op.exec = allow:true,false,id\n");
        settings = new SettingsLoader(Map.of(), dataDir, Runtime.getRuntime().maxMemory())
                .load(Optional.of(config), all);
        UserStore users = UserStore.forSettings(settings);
        PasswordHasher hasher = PasswordHasher.forSettings(settings);
        users.add(UserAccount.withPassword("alice", Role.OPERATOR, home, hasher.hash(PASSWORD.toCharArray())));
        users.add(UserAccount.withPassword("root", Role.ADMIN, home, hasher.hash(PASSWORD.toCharArray())));
        users.add(UserAccount.withPassword("vera", Role.VIEWER, home, hasher.hash(PASSWORD.toCharArray())));
        users.add(UserAccount.withPassword("otto", Role.of("op"), home, hasher.hash(PASSWORD.toCharArray())));
        identity = settings.tls()
                ? ServerIdentity.of(SelfSignedCertificate.forServer("localhost", List.of("127.0.0.1"))) : null;
        audit = new AuditLog(dataDir.resolve("audit.log"), dev.rshell.server.audit.AuditLogSettings.DEFAULTS
                .withRotation(settings.auditMaxBytes(), settings.auditKeep()));
        server = new ShellServer(settings, users, hasher, identity, audit);
        address = server.start();
    }

    static TestServer start(Path root) throws IOException {
        return new TestServer(root, Map.of());
    }

    static TestServer start(Path root, Map<String, String> flags) throws IOException {
        return new TestServer(root, flags);
    }

    RawClient connect() throws IOException {
        return new RawClient(address);
    }

    /** Connects from another loopback address (any of 127.0.0.0/8 is this machine). */
    RawClient connectFrom(String localAddress) throws IOException {
        return new RawClient(address, localAddress);
    }

    /** A raw line client over TLS that pins this server's certificate. */
    RawClient connectTls(Optional<KeyMaterial> clientIdentity) throws IOException {
        return RawClient.tls(address, identity.fingerprint(), clientIdentity);
    }

    /** Logs {@code c} in as {@code user} and reads up to the {@code cwd} line. */
    RawClient login(RawClient c, String user, String role) throws IOException {
        c.expectPrefix("hello rshell/1.1 ");
        c.send(":login " + user + " " + PASSWORD);
        c.expect("ok logged in as " + user + " (" + role + ")");
        c.expectPrefix("cwd ");
        return c;
    }

    /** A connected client already logged in as alice, past the {@code cwd} line. */
    RawClient login() throws IOException {
        RawClient c = connect();
        c.expectPrefix("hello rshell/1.1 ");
        c.send(":login alice " + PASSWORD);
        c.expect("ok logged in as alice (operator)");
        c.expect("cwd " + home);
        return c;
    }

    @Override
    public void close() throws Exception {
        server.shutdown("test over");
        audit.close();
    }
}
