package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/rshell-server} as a real process on 127.0.0.1 and a free port, with its own data
 * directory and a cheap Argon2 cost (set through its environment, as a user could).
 */
final class ServerProcess implements AutoCloseable {

    static final String PASSWORD = "open sesame 7";

    final Path dataDir;
    final Process process;
    final int port;
    final List<String> stdout = new ArrayList<>();
    private final Launcher.Drain stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ServerProcess(Path dataDir, List<String> extraArgs) throws Exception {
        this(dataDir, false, 0, Map.of(), extraArgs);
    }

    private ServerProcess(Path dataDir, boolean tls, int listenPort, List<String> extraArgs) throws Exception {
        this(dataDir, tls, listenPort, Map.of(), extraArgs);
    }

    private ServerProcess(Path dataDir, boolean tls, int listenPort, Map<String, String> extraEnv,
                          List<String> extraArgs) throws Exception {
        Launcher.requireBuilt();
        this.dataDir = dataDir;
        List<String> command = Launcher.command(Launcher.bin("rshell-server"), "--port", String.valueOf(listenPort),
                "--data-dir", dataDir.toString(), "--drain-timeout", "200ms", "--shutdown-timeout", "5s");
        if (!tls) {
            command.add("--no-tls");
        }
        command.addAll(extraArgs);
        Map<String, String> env = env();
        env.putAll(extraEnv);
        process = Launcher.start(command, env);
        stderr = new Launcher.Drain(process.getErrorStream());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the server is gone
            }
        }, "test-server-stdout");
        reader.setDaemon(true);
        reader.start();
        port = awaitListening();
    }

    /** The environment every server and {@code user} process of these tests gets. */
    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("RSHELL_SERVER_ARGON2_MEMORY", "64k");
        env.put("RSHELL_SERVER_ARGON2_ITERATIONS", "1");
        return env;
    }

    static ServerProcess start(Path dataDir, String... extraArgs) throws Exception {
        return new ServerProcess(dataDir, List.of(extraArgs));
    }

    /** A plain server whose process also gets {@code extraEnv} (e.g. RSHELL_SERVER_JAVA_OPTS). */
    static ServerProcess startWithEnv(Path dataDir, Map<String, String> extraEnv, String... extraArgs)
            throws Exception {
        return new ServerProcess(dataDir, false, 0, extraEnv, List.of(extraArgs));
    }

    /** A TLS server on any port whose process also gets {@code extraEnv} (e.g. JAVA_HOME). */
    static ServerProcess startTlsWithEnv(Path dataDir, Map<String, String> extraEnv, String... extraArgs)
            throws Exception {
        return new ServerProcess(dataDir, true, 0, extraEnv, List.of(extraArgs));
    }

    /** A server with its default, TLS, on the given port (0: any). */
    static ServerProcess startTls(Path dataDir, int port, String... extraArgs) throws Exception {
        return new ServerProcess(dataDir, true, port, List.of(extraArgs));
    }

    /** The fingerprint the server printed at start, or null. */
    String printedFingerprint() {
        return stdout.stream().filter(l -> l.startsWith("certificate fingerprint "))
                .map(l -> l.substring("certificate fingerprint ".length())).findFirst().orElse(null);
    }

    /** Adds a user with {@code rshell-server user add}, the password on stdin. */
    static void addUser(Path dataDir, String name, String role) throws Exception {
        Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell-server"), "user", "add", name,
                "--role", role, "--password-stdin", "--data-dir", dataDir.toString(),
                "--home", dataDir.toString()), env(), PASSWORD + "\n", 60);
        assertEquals(0, r.status(), r.err());
    }

    private int awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    throw new AssertionError("server exited with " + process.exitValue() + ": " + stderr.text());
                }
                continue;
            }
            stdout.add(line);
            if (line.startsWith("listening on 127.0.0.1:")) {
                return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
            }
        }
        throw new AssertionError("server did not say 'listening on' within 30 s; stdout " + stdout
                + ", stderr " + stderr.text());
    }

    String target(String user) {
        return user + "@127.0.0.1:" + port;
    }

    String stderr() {
        return stderr.text();
    }

    /** Sends SIGTERM and answers the exit status (waits at most 20 s). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
