package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/rshell-server} starting: binding before anything else, what it prints, the JVM
 * flags of its launcher, and options before a subcommand.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerStartTest {

    @TempDir
    Path dir;

    private static Launcher.Result server(String stdin, String... args) throws Exception {
        return Launcher.run(Launcher.command(Launcher.bin("rshell-server"), args), ServerProcess.env(), stdin, 60);
    }

    @Test
    void aTakenPortFailsBeforeANewDataDirIsMade() throws Exception {
        Path fresh = dir.resolve("fresh");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Launcher.Result r = server(null, "--port", String.valueOf(taken.getLocalPort()),
                    "--data-dir", fresh.toString());
            assertEquals(1, r.status(), r.err());
            assertEquals("", r.out(), "no admin password for an account nobody can use");
            assertTrue(r.err().lines().anyMatch(l -> l.startsWith("rshell-server: can't listen on 127.0.0.1:"
                    + taken.getLocalPort())), r.err());
            assertFalse(Files.exists(fresh), "no data directory, admin or certificate");
        }
    }

    @Test
    void theFirstStartHintNamesTheDataDirInUse() throws Exception {
        Path data = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(data)) {
            assertTrue(server.stdout.contains("it is shown only this once; change it with: rshell-server user passwd"
                    + " admin --data-dir " + data), server.stdout.toString());
        }
    }

    @Test
    void anIpv6ListenerIsPrintedInShortForm() throws Exception {
        Process p = Launcher.start(Launcher.command(Launcher.bin("rshell-server"), "--bind", "::1", "--port", "0",
                "--no-tls", "--data-dir", dir.resolve("v6").toString()), ServerProcess.env());
        Launcher.Drain err = new Launcher.Drain(p.getErrorStream());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String listening = null;
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("listening on ")) {
                    listening = line;
                    break;
                }
            }
            assertTrue(listening != null && listening.matches("listening on \\[::1]:[0-9]+"),
                    listening + " " + err.text());
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
    }

    private static List<String> javaFlags(ServerProcess server) throws Exception {
        byte[] cmdline = Files.readAllBytes(Path.of("/proc/" + server.process.pid() + "/cmdline"));
        return List.of(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
    }

    @Test
    void theLauncherBoundsTheHeapUnlessJavaOptsReplaceTheFlags() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("a"))) {
            List<String> flags = javaFlags(server);
            assertTrue(flags.contains("-Xmx256m"), flags.toString());
            assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        }
        try (ServerProcess server = ServerProcess.startWithEnv(dir.resolve("b"),
                Map.of("RSHELL_SERVER_JAVA_OPTS", "-Xmx300m"))) {
            List<String> flags = javaFlags(server);
            assertTrue(flags.contains("-Xmx300m"), flags.toString());
            assertFalse(flags.contains("-Xmx256m"), flags.toString());
        }
    }

    @Test
    void rootIsWarnedAtStartAndOthersAreNot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        boolean root = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().equals("0");
        assertTrue(id.waitFor(10, TimeUnit.SECONDS));
        try (ServerProcess server = ServerProcess.start(dir.resolve("r"))) {
            assertEquals(0, server.terminate());
            boolean warned = server.stderr().lines().anyMatch(l -> l.startsWith(
                    "rshell-server: warning: running as root: every user's commands run as root")
                    && l.contains("run the server as an unprivileged user"));
            assertEquals(root, warned, server.stderr());
        }
    }

    @Test
    void anUnknownOptionIsExactlyOneLine() throws Exception {
        Launcher.Result r = server(null, "--bogus");
        assertEquals(2, r.status());
        assertEquals("rshell-server: unknown option: '--bogus' (try rshell-server --help)\n", r.err());
    }

    @Test
    void dataDirBeforeUserAddIsUsed() throws Exception {
        Path data = dir.resolve("data");
        Launcher.Result r = server(ServerProcess.PASSWORD + "\n", "--data-dir", data.toString(), "user", "add",
                "alice", "--password-stdin", "--home", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(data.resolve("users")).contains("alice\t"));
    }
}
