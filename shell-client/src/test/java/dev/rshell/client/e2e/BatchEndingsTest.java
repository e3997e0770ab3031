package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a batch client ends (issue 9), {@code bin/rshell} against {@code bin/rshell-server}, both
 * real processes: when its standard output is closed or fails, when the script says
 * {@code exit}, when an admin kicks its session; and where a script line that fails to parse
 * is named.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchEndingsTest {

    /** Long enough for a loaded machine; a client that never stops fails the test here. */
    private static final long CLIENT_SECONDS = 40;

    Path dir;
    ServerProcess server;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin"); // admin: OS commands and kick
        server = ServerProcess.start(data);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Launcher.Result rshell(String stdin, String... args) throws Exception {
        return Launcher.run(Launcher.command(Launcher.bin("rshell"), args),
                Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD), stdin, CLIENT_SECONDS);
    }

    /** {@code bin/rshell ARGS} in bash with {@code SHELL_TAIL} after it, e.g. {@code | head -2}. */
    private Launcher.Result piped(String shellTail, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$0\" \"$@\" " + shellTail,
                Launcher.bin("rshell").toString()));
        command.addAll(List.of(args));
        return Launcher.run(command, Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD), null, CLIENT_SECONDS);
    }

    @Test
    void aPipeWhoseReaderLeftEndsTheClientWith141AndTheRemoteCommandWithIt() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        Launcher.Result r = piped("| head -2; exit ${PIPESTATUS[0]}", "--no-tls", server.target("alice"),
                "yes", marker);
        assertEquals(141, r.status(), "a broken pipe is 141, as sh reports SIGPIPE; stderr: " + r.err());
        assertEquals(marker + "\n" + marker + "\n", r.out());
        assertEquals("", r.err(), "a broken pipe is no error to report");
        awaitNoProcess("yes", marker);
    }

    @Test
    void aLongOutputIntoHeadEndsTheClientWith141() throws Exception {
        Launcher.Result r = piped("| head -3; exit ${PIPESTATUS[0]}", "--no-tls", server.target("alice"),
                "seq", "1", "2000000");
        assertEquals(141, r.status(), r.err());
        assertEquals("1\n2\n3\n", r.out());
    }

    @Test
    void aFullDiskExits255AndSaysWhy() throws Exception {
        Launcher.Result r = piped("> /dev/full", "--no-tls", server.target("alice"), "echo", "hi");
        assertEquals(255, r.status(), r.err());
        assertEquals("rshell: can't write to standard output: No space left on device\n", r.err());
    }

    @Test
    void exitEndsAScriptFromStdinWithItsStatus() throws Exception {
        Launcher.Result r = rshell("echo one\nexit 3\necho two\n", "--no-tls", server.target("alice"));
        assertEquals(new Launcher.Result(3, "one\n", ""), r);
    }

    @Test
    void exitEndsDashCScriptsWithItsStatusWithOrWithoutErrexit() throws Exception {
        assertEquals(new Launcher.Result(5, "", ""),
                rshell(null, "--no-tls", "-c", "exit 5", "-c", "echo after", server.target("alice")));
        assertEquals(new Launcher.Result(0, "", ""),
                rshell(null, "--no-tls", "-e", "-c", "exit", "-c", "echo after", server.target("alice")));
        assertEquals(new Launcher.Result(4, "before\n", ""),
                rshell(null, "--no-tls", "-c", "echo before\nexit 4", server.target("alice")));
    }

    @Test
    void anExitWithABadStatusEndsNothing() throws Exception {
        Launcher.Result r = rshell(null, "--no-tls", "-c", "exit nine", "-c", "echo after", server.target("alice"));
        assertEquals(0, r.status(), r.err());
        assertEquals("after\n", r.out());
        assertTrue(r.err().startsWith("exit: "), r.err());
    }

    @Test
    void aKickedClientSaysWhyAndExits255() throws Exception {
        String marker = "kick-me-" + UUID.randomUUID().toString().substring(0, 8);
        ProcessBuilder builder = new ProcessBuilder(Launcher.command(Launcher.bin("rshell"), "--no-tls",
                server.target("alice"), "sh -c 'sleep 60; : " + marker + "'"));
        builder.environment().put("RSHELL_PASSWORD", ServerProcess.PASSWORD);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process client = builder.start();
        try {
            Launcher.Drain out = new Launcher.Drain(client.getInputStream());
            Launcher.Drain err = new Launcher.Drain(client.getErrorStream());
            String session = awaitSession(marker);
            Launcher.Result kick = rshell(null, "--no-tls", server.target("alice"), "kick", session, "maintenance");
            assertEquals(0, kick.status(), kick.err());
            assertTrue(client.waitFor(CLIENT_SECONDS, TimeUnit.SECONDS), "the kicked client did not end");
            out.join();
            err.join();
            assertEquals(255, client.exitValue(), "ended by the server, not a Ctrl-C; stderr: " + err.text());
            assertEquals("rshell: 127.0.0.1:" + server.port + " ended the session: maintenance\n", err.text());
            assertEquals("", out.text());
        } finally {
            client.destroyForcibly();
            client.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aScriptLineThatFailsToParseIsNamedByFileAndLine() throws Exception {
        Path script = Files.writeString(dir.resolve("deploy.rsh"), "echo a\n\necho \"open\necho b\n");
        Launcher.Result file = rshell(null, "--no-tls", "-f", script.toString(), server.target("alice"));
        assertEquals(new Launcher.Result(0, "a\nb\n",
                "rshell: " + script + ":3: syntax error: unterminated double quote\n"), file);
        Launcher.Result stdin = rshell("echo a\necho x | wc\n", "--no-tls", server.target("alice"));
        assertEquals(2, stdin.status(), stdin.err());
        assertTrue(stdin.err().startsWith("rshell: <stdin>:2: syntax error: pipes"), stdin.err());
    }

    @Test
    void anUnknownOptionIsOneExactLine() throws Exception {
        for (List<String> args : List.of(List.of("--bogus", "lab-01"), List.of("-c", "true", "--bogus", "lab-01"))) {
            assertEquals(new Launcher.Result(2, "", "rshell: unknown option: '--bogus' (try rshell --help)\n"),
                    rshell(null, args.toArray(String[]::new)));
        }
    }

    /** The number {@code who} shows for the session whose foreground command mentions {@code marker}. */
    private String awaitSession(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Launcher.Result who = rshell(null, "--no-tls", server.target("alice"), "who");
            for (String line : who.out().split("\n")) {
                if (line.contains(marker)) {
                    return line.strip().split("\\s+")[0];
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no session ran the command with " + marker);
    }

    /** Waits (bounded) until no process runs {@code program} with {@code marker} as an argument. */
    private static void awaitNoProcess(String program, String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            List<Long> left = processes(program, marker);
            if (left.isEmpty()) {
                return;
            }
            assertFalse(System.nanoTime() > deadline, "still running after the client ended: " + program
                    + " " + marker + " (pids " + left + ")");
            Thread.sleep(100);
        }
    }

    private static List<Long> processes(String program, String marker) throws IOException {
        List<Long> found = new ArrayList<>();
        String wanted = "\0" + marker + "\0";
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path p : entries.filter(e -> e.getFileName().toString().matches("\\d+")).toList()) {
                String cmdline;
                try {
                    cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                if (cmdline.contains(wanted) && cmdline.split("\0")[0].endsWith(program)) {
                    found.add(Long.parseLong(p.getFileName().toString()));
                }
            }
        }
        return found;
    }
}
