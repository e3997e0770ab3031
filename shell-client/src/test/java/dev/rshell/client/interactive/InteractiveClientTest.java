package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.ClientIo;
import dev.rshell.client.ClientMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.utils.ScreenTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rshell} as a whole (ClientMain with injected streams): when the interactive shell
 * starts, what it is given, and the fallback without a usable terminal; {@code --keepalive} in
 * batch mode.
 */
@Timeout(30)
class InteractiveClientTest {

    @TempDir
    Path home;
    ScriptedServer server;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        ShellRun.assertNoShellThreads();
    }

    private ClientIo io(String stdin, boolean terminal, TerminalSource source, Map<String, String> extraEnv) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("RSHELL_PASSWORD", ScriptedServer.PASSWORD,
                "HOME", home.toString()));
        env.putAll(extraEnv);
        return new ClientIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, "tester", terminal, text -> null, text -> null, source);
    }

    private String target() {
        return "alice@127.0.0.1:" + server.port();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs the client on a thread of its own; the test types into {@code vt}. */
    private CompletableFuture<Integer> start(ClientIo io, String... args) {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                status.complete(ClientMain.run(args, io));
            } catch (Throwable e) {
                status.completeExceptionally(e);
            }
        }, "test-shell-input");
        t.setDaemon(true);
        t.start();
        return status;
    }

    @Test
    void aTerminalAndNoCommandStartTheShellWithHistoryInTheClientsDirectory() throws Exception {
        VirtualScreen vt = new VirtualScreen();
        CompletableFuture<Integer> status = start(io("", true, vt::terminal, Map.of()), "--no-tls", target());
        vt.awaitLastLine("alice@127.0.0.1:~$");
        vt.type("warn bad\r");
        vt.awaitRow("bad");
        long cell = vt.cell(vt.text().indexOf("bad"), 0);
        assertTrue(ScreenTerminal.cellHasForeground(cell), "colour by default");
        vt.type("exit\r");
        assertEquals(1, status.get(10, TimeUnit.SECONDS));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err());
        Path history = home.resolve(".rshell").resolve("history-127.0.0.1-" + server.port());
        assertTrue(Files.readString(history).contains("warn bad"));
        if (dev.rshell.client.ClientHome.posix(history)) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(history)));
        }
    }

    @Test
    void noColorFlagAndNoColorVariableTurnColourOff() throws Exception {
        for (boolean flag : List.of(true, false)) {
            VirtualScreen vt = new VirtualScreen();
            Map<String, String> env = flag ? Map.of() : Map.of("NO_COLOR", "1");
            CompletableFuture<Integer> status = flag
                    ? start(io("", true, vt::terminal, env), "--no-tls", "--no-color", target())
                    : start(io("", true, vt::terminal, env), "--no-tls", target());
            vt.awaitLastLine("alice@127.0.0.1:~$");
            vt.type("warn bad\r");
            vt.awaitRow("bad");
            long cell = vt.cell(vt.text().indexOf("bad"), 0);
            assertFalse(ScreenTerminal.cellHasForeground(cell), flag ? "--no-color" : "NO_COLOR");
            vt.type("\u0004");
            assertEquals(1, status.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void withoutAUsableTerminalOneLineSaysSoAndStdinIsReadAsInBatchMode() throws Exception {
        int status = ClientMain.run(new String[] {"--no-tls", target()},
                io("echo one\necho two\n", true, TerminalSource.none(), Map.of()));
        assertEquals(0, status);
        assertEquals("one\ntwo\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("rshell: no usable terminal (no terminal); reading commands line by line as in batch mode\n",
                err());
    }

    @Test
    void withoutATerminalItIsBatchModeWithoutAWord() throws Exception {
        int status = ClientMain.run(new String[] {"--no-tls", target()},
                io("echo one\n", false, () -> {
                    throw new AssertionError("no terminal is opened in batch mode");
                }, Map.of()));
        assertEquals(0, status);
        assertEquals("one\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err());
    }

    @Test
    void commandWordsOnATerminalAreBatchMode() throws Exception {
        int status = ClientMain.run(new String[] {"--no-tls", target(), "echo", "x"},
                io("", true, () -> {
                    throw new AssertionError("no terminal is opened with a command");
                }, Map.of()));
        assertEquals(0, status);
        assertEquals("x\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDroppedConnectionIsOneLineAndStatus255() throws Exception {
        VirtualScreen vt = new VirtualScreen();
        CompletableFuture<Integer> status = start(io("", true, vt::terminal, Map.of()), "--no-tls", target());
        vt.awaitLastLine("alice@127.0.0.1:~$");
        server.drop();
        assertEquals(255, status.get(10, TimeUnit.SECONDS));
        assertEquals("rshell: connection closed by 127.0.0.1:" + server.port() + "\n", err());
    }

    @Test
    void badKeepaliveIsAUsageError() throws Exception {
        for (String value : List.of("0", "-1", "soon", "86401")) {
            err.reset();
            int status = ClientMain.run(new String[] {"--no-tls", "--keepalive", value, target(), "echo", "x"},
                    io("", false, TerminalSource.none(), Map.of()));
            assertEquals(2, status, value);
            assertEquals("rshell: bad --keepalive \"" + value + "\": must be seconds, more than 0 and at most 86400"
                    + " (try rshell --help)\n", err(), value);
        }
    }

    @Test
    void batchKeepaliveReportsAServerThatStoppedAnswering() throws Exception {
        server.answerPings = false;
        long start = System.nanoTime();
        int status = ClientMain.run(new String[] {"--no-tls", "--keepalive", "0.3", target(), "sleep", "30"},
                io("", false, TerminalSource.none(), Map.of()));
        assertEquals(255, status);
        assertEquals("rshell: 127.0.0.1:" + server.port() + " stopped answering\n", err());
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void batchKeepalivePingsBetweenCommandsWithoutDisturbingThem() throws Exception {
        // A pong must come within one interval: 0.4 s leaves room for a loaded CI machine,
        // and 2.5 s of sleeping still asks for about six pings.
        int status = ClientMain.run(new String[] {"--no-tls", "--keepalive", "0.4", target()},
                io("sleep 1.5\necho a\nsleep 1\necho b\n", false, TerminalSource.none(), Map.of()));
        assertEquals(0, status, err());
        assertEquals("a\nb\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("", err());
        List<String> got = server.received();
        assertTrue(got.stream().filter(":ping"::equals).count() >= 3, got.toString());
        assertEquals(List.of("sleep 1.5", "echo a", "sleep 1", "echo b", ":quit"),
                got.stream().filter(l -> !l.equals(":ping")).toList());
    }

    @Test
    void interactiveKeepaliveFromTheCommandLine() throws Exception {
        VirtualScreen vt = new VirtualScreen();
        CompletableFuture<Integer> status = start(io("", true, vt::terminal, Map.of()),
                "--no-tls", "--keepalive", "0.2", target());
        vt.awaitLastLine("alice@127.0.0.1:~$");
        server.awaitReceived(":ping", Duration.ofSeconds(5));
        server.answerPings = false;
        assertEquals(255, status.get(10, TimeUnit.SECONDS));
        assertEquals("rshell: 127.0.0.1:" + server.port() + " stopped answering\n", err());
    }
}
