package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rshell-server}'s own command line: configuration errors, exit statuses, first start. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerCliTest {

    @TempDir
    Path dir;

    private Launcher.Result server(Map<String, String> extraEnv, String... args) throws Exception {
        Map<String, String> env = new HashMap<>(ServerProcess.env());
        env.putAll(extraEnv);
        return Launcher.run(Launcher.command(Launcher.bin("rshell-server"), args), env, null, 60);
    }

    private static void assertOneLine(Launcher.Result r, String... fragments) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        for (String fragment : fragments) {
            assertTrue(r.err().contains(fragment), "'" + fragment + "' missing from: " + r.err());
        }
    }

    @Test
    void aBadValueNamesTheSettingTheValueTheSourceAndWhatIsAllowed() throws Exception {
        Launcher.Result r = server(Map.of(), "--port", "70000", "--data-dir", dir.toString());
        assertEquals(2, r.status());
        assertOneLine(r, "port", "70000", "--port", "0 to 65535");
    }

    @Test
    void anUnknownVariableIsAnError() throws Exception {
        Launcher.Result r = server(Map.of("RSHELL_SERVER_PROT", "7022"), "--data-dir", dir.toString());
        assertEquals(2, r.status());
        assertOneLine(r, "RSHELL_SERVER_PROT");
    }

    @Test
    void anUnknownFlagIsAnError() throws Exception {
        Launcher.Result r = server(Map.of(), "--prot", "7022");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--prot"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aBadLineInTheConfigFileNamesFileAndLine() throws Exception {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "# settings\nport = 7022\nmax-sessions = lots\n");
        Launcher.Result r = server(Map.of(), "--config", config.toString(), "--data-dir", dir.toString());
        assertEquals(2, r.status());
        assertOneLine(r, "max-sessions", "lots", config + ":3");
    }

    @Test
    void aTakenPortExits1WithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result r = server(Map.of(), "--no-tls", "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", dir.toString());
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("can't listen on 127.0.0.1:" + taken.getLocalPort()), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void firstStartCreatesAdminWithAPasswordShownOnceThatWorks() throws Exception {
        Path data = dir.resolve("fresh");
        String password;
        try (ServerProcess server = ServerProcess.start(data)) {
            String line = server.stdout.stream().filter(l -> l.contains("with password: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no admin password printed: " + server.stdout));
            password = line.substring(line.indexOf("with password: ") + "with password: ".length());
            assertEquals(20, password.length());
            assertEquals(Set700, PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
            assertFalse(Files.readString(data.resolve("users")).contains(password), "only the hash is stored");
            Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell"), "--no-tls", "-c", "whoami",
                    server.target("admin")), Map.of("RSHELL_PASSWORD", password), null, 60);
            assertEquals(0, r.status(), r.err());
            assertEquals("admin\n", r.out());
            assertEquals(0, server.terminate());
        }
        try (ServerProcess again = ServerProcess.start(data)) {
            assertTrue(again.stdout.stream().noneMatch(l -> l.contains("password")), "shown only once");
        }
    }

    private static final String Set700 = "rwx------";

    @Test
    void launchersSayHowToBuildWhenTheJarsAreMissing() throws Exception {
        Path fake = dir.resolve("clone");
        Files.createDirectories(fake.resolve("bin"));
        for (String name : List.of("rshell", "rshell-server")) {
            Path copy = fake.resolve("bin").resolve(name);
            Files.copy(Launcher.ROOT.resolve("bin").resolve(name), copy);
            Launcher.Result r = Launcher.run(List.of(copy.toString(), "--help"), Map.of(), null, 30);
            assertEquals(1, r.status());
            assertOneLine(r, "mvn -q -DskipTests package");
        }
    }
}
