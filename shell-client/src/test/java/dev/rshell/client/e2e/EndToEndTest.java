package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real programs end to end: {@code bin/rshell-server} as a process, driven by
 * {@code bin/rshell} as a process and by a raw socket, as the README promises.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndTest {

    Path dir;
    ServerProcess server;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin"); // admin: the tests run sh
        server = ServerProcess.start(data);
    }

    @AfterAll
    void stop() throws Exception {
        assertEquals(0, server.terminate(), "the server exits 0 after SIGTERM");
    }

    private Launcher.Result rshell(String stdin, String... args) throws Exception {
        return Launcher.run(Launcher.command(Launcher.bin("rshell"), args),
                Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD), stdin, 60);
    }

    @Test
    void theScriptOfTheReadmeGetsExactlyTheProtocolLines() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((":login alice " + ServerProcess.PASSWORD + "\necho hi\nfalse\n:quit\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> lines = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
            assertTrue(lines.get(0).matches("hello rshell/1.1 \\S+ auth=password"), lines.get(0));
            assertEquals(List.of("ok logged in as alice (admin)", "cwd " + server.dataDir, "out 1 hi", "end 1 0",
                    "end 2 1", "bye goodbye"), lines.subList(1, lines.size()));
        }
    }

    @Test
    void exitStatusOfDashCAndOfWordsAfterTheHost() throws Exception {
        Launcher.Result viaC = rshell(null, "--no-tls", "-c", "sh -c \"exit 7\"", server.target("alice"));
        assertEquals(7, viaC.status(), viaC.err());
        Launcher.Result viaWords = rshell(null, "--no-tls", server.target("alice"), "sh -c \"exit 7\"");
        assertEquals(7, viaWords.status(), viaWords.err());
    }

    @Test
    void outputGoesToTheRightStreamsInOrder() throws Exception {
        Launcher.Result r = rshell(null, "--no-tls", "-c", "echo one", "-c", "sh -c 'echo two >&2'", "-c", "echo three",
                server.target("alice"));
        assertEquals(0, r.status(), r.err());
        assertEquals("one\nthree\n", r.out());
        assertEquals("two\n", r.err());
    }

    @Test
    void aScriptFromStdinAndErrexit() throws Exception {
        Launcher.Result all = rshell("echo a\nfalse\necho b\n", "--no-tls", server.target("alice"));
        assertEquals(0, all.status(), all.err());
        assertEquals("a\nb\n", all.out());
        Launcher.Result stop = rshell("echo a\nfalse\necho b\n", "--no-tls", "-e", server.target("alice"));
        assertEquals(1, stop.status(), stop.err());
        assertEquals("a\n", stop.out());
    }

    @Test
    void aLongScriptRunsPipelined() throws Exception {
        Path script = dir.resolve("many.rsh");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            text.append("echo ").append(i).append('\n');
        }
        Files.writeString(script, text);
        Launcher.Result r = rshell(null, "--no-tls", "-f", script.toString(), server.target("alice"));
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(10_000, lines.length);
        assertEquals("9999", lines[9_999]);
    }

    @Test
    void wrongPasswordAndClosedPortExit255WithOneLine() throws Exception {
        Launcher.Result wrong = Launcher.run(Launcher.command(Launcher.bin("rshell"), "--no-tls", "-c", "true",
                server.target("alice")), Map.of("RSHELL_PASSWORD", "wrong"), null, 60);
        assertEquals(255, wrong.status());
        assertEquals(1, wrong.err().strip().lines().count(), wrong.err());
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Launcher.Result refused = rshell(null, "--no-tls", "-c", "true", "alice@127.0.0.1:" + closedPort);
        assertEquals(255, refused.status());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
    }

    @Test
    void usageErrorsExit2WithoutAStackTrace() throws Exception {
        Launcher.Result r = rshell(null, "--no-such-flag", "host");
        assertEquals(2, r.status());
        assertFalse(r.err().contains("\tat "), r.err());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
    }

    @Test
    void helpAndVersion() throws Exception {
        for (String program : List.of("rshell", "rshell-server")) {
            Launcher.Result help = Launcher.run(Launcher.command(Launcher.bin(program), "--help"), Map.of(), null, 60);
            assertEquals(0, help.status(), help.err());
            assertTrue(help.out().contains("--version"), help.out());
            Launcher.Result version = Launcher.run(Launcher.command(Launcher.bin(program), "--version"), Map.of(),
                    null, 60);
            assertEquals(0, version.status(), version.err());
            assertTrue(version.out().startsWith(program + " 0.1.0"), version.out());
            if (program.equals("rshell-server")) {
                assertTrue(help.out().contains("--max-line="), help.out());
                assertFalse(help.out().contains("--tls-keystore-password="), "a secret is never a flag");
            }
        }
    }

    @Test
    void aUserAddedWhileTheServerRunsCanLogIn() throws Exception {
        ServerProcess.addUser(server.dataDir, "bob", "viewer");
        Launcher.Result r = rshell(null, "--no-tls", "-c", "whoami", server.target("bob"));
        assertEquals(0, r.status(), r.err());
        assertEquals("bob\n", r.out());
        Launcher.Result list = Launcher.run(Launcher.command(Launcher.bin("rshell-server"), "user", "list",
                "--data-dir", server.dataDir.toString()), ServerProcess.env(), null, 60);
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("bob\tviewer\t"), list.out());
        assertFalse(list.out().contains("$argon2"), "user list never shows hashes");
    }
}
