package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a real terminal: tmux runs {@code rshell} against the real server
 * (a pty, JLine's system terminal, real signals), keys are typed with {@code send-keys} and the
 * screen is read with {@code capture-pane}. Skipped only when tmux is not installed ({@code .ci/run}
 * installs it).
 *
 * <p>Which client runs: {@code bin/rshell} when its jar was packaged after the classes were last
 * compiled; otherwise (a {@code mvn test}, or {@code mvn verify} before the client is packaged)
 * the same {@code ClientMain} from the test's class path, so the code under test is what runs.
 *
 * <p>Each test uses its own tmux server (its socket in the test's directory, no configuration
 * file), so a user's tmux is never touched, and kills it at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TmuxTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /**
     * Most {@code y} lines the pane may get after Ctrl-C on {@code yes}: far below what the
     * socket buffers hold (195,000 to 460,000 were printed before the fix), far above the few
     * thousand printed before the client takes the interrupt (about 3,000).
     */
    private static final long MAX_LINES_AFTER_CTRL_C = 50_000;

    Path dir;
    ServerProcess server;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "operator");
        ServerProcess.addUser(data, "bob", "operator");
        ServerProcess.addUser(data, "carol", "admin"); // admin: may run any program, yes among them
        server = ServerProcess.start(data);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aWallArrivesAboveThePromptWhileALineIsHalfTypedAndEnterRunsTheCompletedLine() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-alice"));
        String prompt = "alice@127.0.0.1:~$";
        try (Tmux tmux = Tmux.start(dir, home, client("--no-tls", server.target("alice")))) {
            tmux.await(lines -> last(lines).equals(prompt), "the prompt");

            tmux.type("echo hello wor");
            tmux.await(lines -> last(lines).equals(prompt + " echo hello wor"), "the half-typed line");

            Launcher.Result wall = Launcher.run(client("--no-tls", server.target("bob"), "wall", "hello"),
                    clientEnv(Files.createDirectories(dir.resolve("home-bob"))), null, 60);
            assertEquals(0, wall.status(), "wall as bob: " + wall.err()
                    + " (a status of 127 means the server has no wall command yet)");

            List<String> screen = tmux.await(lines -> lines.contains("[msg] from bob: hello")
                    && last(lines).equals(prompt + " echo hello wor"), "the message above the half-typed line");
            assertTrue(screen.indexOf("[msg] from bob: hello") < screen.size() - 1, String.join("\n", screen));
            assertEquals((prompt + " echo hello wor").length(), tmux.cursorX(), "the cursor stays at the line's end");

            tmux.type("ld");
            tmux.key("Enter");
            screen = tmux.await(lines -> lines.size() >= 3 && last(lines).equals(prompt)
                    && lines.get(lines.size() - 2).equals("hello world")
                    && lines.get(lines.size() - 3).equals(prompt + " echo hello world"), "the completed line's output");

            tmux.type("exit");
            tmux.key("Enter");
            tmux.await(lines -> lines.contains("[rshell exited 0]"), "the shell's exit status");
        }
    }

    @Test
    void ctrlCInterruptsARunningCommandOnARealTerminal() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-alice-2"));
        String prompt = "alice@127.0.0.1:~$";
        try (Tmux tmux = Tmux.start(dir, home, client("--no-tls", server.target("alice")))) {
            tmux.await(lines -> last(lines).equals(prompt), "the prompt");
            tmux.type("sleep 30");
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals(prompt + " sleep 30"), "the command running");
            // The line on screen does not mean the terminal has left line editing yet; a person's
            // Ctrl-C comes later than that. (A Ctrl-C within the first moments is not reliable yet.)
            Thread.sleep(500);
            long start = System.nanoTime();
            tmux.key("C-c");
            tmux.await(lines -> last(lines).equals(prompt), "the prompt after Ctrl-C");
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            tmux.key("C-d");
            tmux.await(lines -> lines.contains("[rshell exited 130]"), "the interrupted command's status");
            String history = Files.readString(home.resolve(".rshell").resolve("history-127.0.0.1-" + server.port));
            assertTrue(history.contains("sleep 30"), history);
        }
    }

    /**
     * Issue 9, item 12: Ctrl-C on {@code yes}. The client prints far slower than {@code yes}
     * writes, so megabytes sit in the socket buffers when Ctrl-C comes (a 4 MiB send buffer is
     * 500,000 {@code y} lines); printing them held the prompt back for seconds.
     * The pane's whole output is recorded ({@code pipe-pane}) and the {@code y} lines it got
     * after the Ctrl-C are counted: those printed before the client took the interrupt (a few
     * thousand), never what was in flight.
     */
    @Test
    void ctrlCOnAFloodBringsThePromptBackWithoutPrintingTheOutputInFlight() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-carol"));
        Path log = dir.resolve("pane-carol.log");
        String prompt = "carol@127.0.0.1:~#";
        String note = "(output dropped after interrupt)";
        try (Tmux tmux = Tmux.start(dir, home, client("--no-tls", server.target("carol")))) {
            tmux.await(lines -> last(lines).equals(prompt), "the prompt");
            tmux.pipeTo(log);
            tmux.type("yes");
            tmux.key("Enter");
            // 50,000 lines printed: the server's queue and the socket buffers are full by now.
            awaitSize(log, 150_000, "yes's output");
            long before = Files.size(log);
            tmux.key("C-c");
            tmux.await(lines -> last(lines).equals(prompt) && lines.contains(note), "the prompt after Ctrl-C");
            tmux.type("echo after");
            tmux.key("Enter");
            List<String> screen = tmux.await(lines -> last(lines).equals(prompt) && lines.size() >= 2
                    && lines.get(lines.size() - 2).equals("after"), "the next command's output");
            assertEquals(1, screen.stream().filter(note::equals).count(), "one note: " + String.join("\n", screen));
            byte[] all = Files.readAllBytes(log);
            String afterCtrlC = new String(all, (int) before, all.length - (int) before, StandardCharsets.UTF_8);
            long ys = afterCtrlC.lines().filter("y"::equals).count();
            System.out.println(ys + " y lines printed after Ctrl-C");
            assertTrue(ys < MAX_LINES_AFTER_CTRL_C, ys + " y lines printed after Ctrl-C");
            tmux.key("C-d");
            tmux.await(lines -> lines.contains("[rshell exited 0]"), "the shell's exit status");
        }
    }

    /** Waits (at most {@link #WAIT}) until {@code file} holds at least {@code bytes} bytes. */
    private static void awaitSize(Path file, long bytes, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!Files.isRegularFile(file) || Files.size(file) < bytes) {
            if (System.nanoTime() > deadline) {
                fail("never " + bytes + " bytes of " + what + " in " + file);
            }
            Thread.sleep(50);
        }
    }

    static String last(List<String> lines) {
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The environment of a client process: the password, a home of its own. */
    static Map<String, String> clientEnv(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("RSHELL_PASSWORD", ServerProcess.PASSWORD);
        env.put("HOME", home.toString());
        env.remove("RSHELL_HOME");
        return env;
    }

    /** The command line of the client: bin/rshell when its jar is current, else the test classes. */
    static List<String> client(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        Path jar = Launcher.ROOT.resolve("shell-client/target/rshell.jar");
        Path classes = Launcher.ROOT.resolve("shell-client/target/classes");
        if (Files.isRegularFile(jar) && newestIn(classes) <= Files.getLastModifiedTime(jar).toMillis()) {
            command.add(Launcher.bin("rshell").toString());
        } else {
            String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, "dev.rshell.client.ClientMain"));
        }
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static long newestIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().lastModified()).max().orElse(0);
        }
    }

    /** A private tmux server with one 120x30 window running a command. */
    static final class Tmux implements AutoCloseable {
        private final String socket;
        private final Map<String, String> env;

        private Tmux(String socket, Map<String, String> env) {
            this.socket = socket;
            this.env = env;
        }

        static Tmux start(Path dir, Path home, List<String> command) throws Exception {
            return start(dir, home, command, clientEnv(home));
        }

        /** As {@link #start(Path, Path, List)}, the client's environment being {@code clientEnv}. */
        static Tmux start(Path dir, Path home, List<String> command, Map<String, String> clientEnv)
                throws Exception {
            // A socket in the test's own directory: removed with it, and short enough for a
            // Unix socket path.
            String socket = dir.resolve("tmux-" + home.getFileName()).toString();
            Map<String, String> env = new HashMap<>(clientEnv);
            // The tmux server is started by this first command and hands its environment on.
            env.put("TERM", "xterm-256color");
            Tmux tmux = new Tmux(socket, env);
            // After the client exits, its status stays on the screen for the test to read. bash,
            // not sh: on Ctrl-C, bash waits for the client (which handles it) and goes on, where
            // dash would die of the SIGINT the terminal sends the whole process group.
            String script = String.join(" ", command.stream().map(Tmux::shellQuote).toList())
                    + "; echo \"[rshell exited $?]\"; sleep 600";
            tmux.run("-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "120", "-y", "30",
                    "bash", "-c", script);
            return tmux;
        }

        /** From now on, appends everything the pane's program writes (escape sequences too) to {@code file}. */
        void pipeTo(Path file) throws Exception {
            run("pipe-pane", "-t", "main", "-o", "cat >> " + shellQuote(file.toString()));
        }

        void type(String text) throws Exception {
            run("send-keys", "-t", "main", "-l", text);
        }

        void key(String key) throws Exception {
            run("send-keys", "-t", "main", key);
        }

        /** The pane's rows, right-trimmed, trailing empty rows dropped. */
        List<String> screen() throws Exception {
            String text = run("capture-pane", "-p", "-t", "main");
            List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
            while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
            return lines;
        }

        int cursorX() throws Exception {
            return Integer.parseInt(run("display-message", "-p", "-t", "main", "#{cursor_x}").strip());
        }

        /** Polls the screen (at most {@link #WAIT}) until {@code test} holds. */
        List<String> await(Predicate<List<String>> test, String what) throws Exception {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (true) {
                List<String> lines = screen();
                if (test.test(lines)) {
                    return lines;
                }
                if (System.nanoTime() > deadline) {
                    fail("tmux never showed " + what + "; the screen:\n" + String.join("\n", lines));
                }
                Thread.sleep(50);
            }
        }

        private String run(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
            command.addAll(List.of(args));
            Launcher.Result r = Launcher.run(command, env, null, 20);
            if (r.status() != 0) {
                fail(String.join(" ", command) + " failed with " + r.status() + ": " + r.err());
            }
            return r.out();
        }

        @Override
        public void close() throws IOException {
            List<String> command = List.of("tmux", "-S", socket, "kill-server");
            try {
                Launcher.run(command, env, null, 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static String shellQuote(String word) {
            return "'" + word.replace("'", "'\\''") + "'";
        }
    }
}
