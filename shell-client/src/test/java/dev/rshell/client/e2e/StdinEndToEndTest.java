package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input and byte-exact output of the batch client (issue 11), {@code bin/rshell}
 * against {@code bin/rshell-server}, both real processes, fed and read by bash pipelines as a
 * user would: stdin streams to the one command as with {@code ssh host cmd}, and what the
 * command writes arrives byte for byte.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class StdinEndToEndTest {

    /** Long enough for a loaded machine; a client that never stops fails the test here. */
    private static final long CLIENT_SECONDS = 120;
    /** The size of the bounded-memory runs: 200 MiB through a client with a 32 MiB heap. */
    private static final long BIG = 200L * 1024 * 1024;

    Path dir;
    ServerProcess server;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin"); // admin: OS programs (wc, sort, sh)
        server = ServerProcess.start(data);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** {@code bash -c SCRIPT} with {@code $R} the client (plain TCP) and {@code $T} the target. */
    private Launcher.Result bash(String script, String stdin) throws Exception {
        return bash(script, stdin, Map.of());
    }

    private Launcher.Result bash(String script, String stdin, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("RSHELL_PASSWORD", ServerProcess.PASSWORD);
        env.put("R", Launcher.bin("rshell").toString());
        env.put("T", server.target("alice"));
        return Launcher.run(List.of("bash", "-c", "set -o pipefail; " + script), env, stdin, CLIENT_SECONDS);
    }

    @Test
    void sortReadsTheLinesPipedIn() throws Exception {
        assertEquals(new Launcher.Result(0, "a\nb\n", ""), bash("printf 'b\\na\\n' | \"$R\" --no-tls \"$T\" sort", null));
    }

    @Test
    void aBinaryFileComesOutByteForByte() throws Exception {
        Launcher.Result r = bash("\"$R\" --no-tls \"$T\" cat /bin/ls | cmp - /bin/ls", null);
        assertEquals(new Launcher.Result(0, "", ""), r);
    }

    @Test
    void aMillionLinesAreCountedExactly() throws Exception {
        assertEquals(new Launcher.Result(0, "1000000\n", ""),
                bash("seq 1 1000000 | \"$R\" --no-tls \"$T\" wc -l", null));
    }

    @Test
    void teeWritesExactlyTheBytesOfRandomInputAndEchoesThem() throws Exception {
        byte[] random = new byte[3 * 1024 * 1024 + 5];
        new Random(11).nextBytes(random);
        Path in = Files.write(dir.resolve("random.bin"), random);
        Path copy = dir.resolve("copy.bin");
        Launcher.Result r = bash("\"$R\" --no-tls \"$T\" 'tee " + copy + "' < " + in + " | cmp - " + in, null);
        assertEquals(new Launcher.Result(0, "", ""), r);
        assertArrayEquals(random, Files.readAllBytes(copy));
    }

    @Test
    void crLfInvalidUtf8AndAMissingLastNewlineAreKeptBothWays() throws Exception {
        byte[] text = "one\r\ntwo\r\n\u00e9t\u00e9\n".getBytes(StandardCharsets.UTF_8);
        byte[] tail = {(byte) 0xFF, (byte) 0xFE, 'n', 'o', ' ', 'L', 'F'};
        byte[] all = new byte[text.length + tail.length];
        System.arraycopy(text, 0, all, 0, text.length);
        System.arraycopy(tail, 0, all, text.length, tail.length);
        Path file = Files.write(dir.resolve("crlf.txt"), all);
        assertEquals(new Launcher.Result(0, "", ""), bash("\"$R\" --no-tls \"$T\" cat " + file + " | cmp - " + file, null),
                "output of a file");
        assertEquals(new Launcher.Result(0, "", ""), bash("\"$R\" --no-tls \"$T\" cat < " + file + " | cmp - " + file, null),
                "input echoed back");
        assertEquals(new Launcher.Result(0, "", ""),
                bash("\"$R\" --no-tls \"$T\" \"sh -c 'printf \\\"a\\\\r\\\\nb\\\"'\" | cmp - <(printf 'a\\r\\nb')", null),
                "a program's output");
    }

    @Test
    void dashNSendsNoneSoCatEndsAtOnceWhileStdinStaysOpen() throws Exception {
        Process client = startWithOpenStdin(List.of("-n", "--no-tls", server.target("alice"), "cat"));
        try {
            OutputStream stdin = client.getOutputStream();
            stdin.write("never read\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush(); // and left open: without -n, cat would wait for its end
            Launcher.Drain out = new Launcher.Drain(client.getInputStream());
            Launcher.Drain err = new Launcher.Drain(client.getErrorStream());
            assertTrue(client.waitFor(CLIENT_SECONDS, TimeUnit.SECONDS), "rshell -n host cat did not end");
            out.join();
            err.join();
            assertEquals(new Launcher.Result(0, "", ""), new Launcher.Result(client.exitValue(), out.text(), err.text()));
        } finally {
            client.destroyForcibly();
            client.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCommandThatEndsEarlyEndsTheRunThoughStdinGoesOn() throws Exception {
        // yes never ends: the run ends with head, as ssh's does, not with stdin.
        assertEquals(new Launcher.Result(0, "y\n", ""),
                bash("yes | \"$R\" --no-tls \"$T\" head -n 1; exit ${PIPESTATUS[1]}", null));
        // A program that never reads: the window holds the input back, and its end ends the run.
        Path big = Files.write(dir.resolve("five.bin"), new byte[5 * 1024 * 1024]);
        assertEquals(new Launcher.Result(0, "", ""), bash("\"$R\" --no-tls \"$T\" \"sh -c 'sleep 1'\" < " + big, null));
    }

    @Test
    void stdinToGivesItToTheNthOfSeveralCommands() throws Exception {
        Launcher.Result r = bash("printf 'x\\n' | \"$R\" --no-tls --stdin-to 2 -c 'echo one' -c 'cat' -c 'echo three' \"$T\"",
                null);
        assertEquals(new Launcher.Result(0, "one\nx\nthree\n", ""), r);
        Launcher.Result none = bash("printf 'x\\n' | \"$R\" --no-tls -c 'echo one' -c 'cat' \"$T\"", null);
        assertEquals(new Launcher.Result(0, "one\n", ""), none, "several commands: stdin goes nowhere unless asked");
    }

    @Test
    void bigStreamsBothWaysFitAClientWithA32MiBHeap() throws Exception {
        // RSHELL_JAVA_OPTS replaces the launcher's flags: a heap far smaller than the stream.
        Map<String, String> small = Map.of("RSHELL_JAVA_OPTS", "-Xmx32m -XX:+UseSerialGC");
        assertEquals(new Launcher.Result(0, BIG + "\n", ""),
                bash("head -c " + BIG + " /dev/zero | \"$R\" --no-tls \"$T\" wc -c", null, small), "input");
        assertEquals(new Launcher.Result(0, BIG + "\n", ""),
                bash("\"$R\" --no-tls \"$T\" \"sh -c 'head -c " + BIG + " /dev/zero'\" | wc -c", null, small), "output");
    }

    private Process startWithOpenStdin(List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Launcher.bin("rshell").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("RSHELL_PASSWORD", ServerProcess.PASSWORD);
        return builder.start();
    }
}
