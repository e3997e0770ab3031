package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of issue 5 ("Reliability: fault tests in the suite") against {@code bin/rshell-server}
 * as a real process, on loopback only. Every loop is bounded in count and time, every test stops the
 * server, sockets and threads it starts.
 */
class FaultTest {

    @TempDir
    Path dir;

    /** A line-oriented protocol client over a plain socket. */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Conn(int port, String localAddress) throws IOException {
            socket = new Socket();
            try {
                if (localAddress != null) {
                    socket.bind(new InetSocketAddress(localAddress, 0));
                }
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(15_000);
                in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                out = socket.getOutputStream();
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }

        static Conn login(int port, String localAddress) throws IOException {
            Conn c = new Conn(port, localAddress);
            try {
                c.expectPrefix("hello rshell/1 ");
                c.send(":login alice " + ServerProcess.PASSWORD);
                c.expect("ok logged in as alice (admin)");
                c.expectPrefix("cwd ");
                return c;
            } catch (IOException | RuntimeException | Error e) {
                c.close();
                throw e;
            }
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String line() throws IOException {
            try {
                return in.readLine();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no line from the server within 15 s", e);
            }
        }

        void expect(String expected) throws IOException {
            assertEquals(expected, line());
        }

        String expectPrefix(String prefix) throws IOException {
            String l = line();
            assertNotNull(l, "connection ended; expected a line starting with " + prefix);
            assertTrue(l.startsWith(prefix), "expected '" + prefix + "...' but got '" + l + "'");
            return l;
        }

        /** Closes with a TCP reset, as a killed client's kernel would. */
        void abort() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private Path dataWithAlice() throws Exception {
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin"); // admin: the tests run sh
        return data;
    }

    // ---------------------------------------------------------------------------------------------
    // 1. A 1 GiB line to a server with a 64 MiB heap

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aOneGibLineToA64MibServerFailsWithStatus2AndOthersKeepWorking() throws Exception {
        Path data = dataWithAlice();
        // RSHELL_SERVER_JAVA_OPTS is rejected by the server ("variable RSHELL_SERVER_JAVA_OPTS is not a
        // setting": every RSHELL_SERVER_* variable is read as a setting), so the JVM gets its heap
        // limit through JAVA_TOOL_OPTIONS; the launcher sets no -Xmx of its own.
        try (ServerProcess server = ServerProcess.startWithEnv(data,
                Map.of("JAVA_TOOL_OPTIONS", "-Xmx64m -XX:+UseSerialGC"));
             Conn sender = Conn.login(server.port, null);
             Conn other = Conn.login(server.port, null)) {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            long total = 1L << 30;
            long chunks = total / chunk.length; // 16,384
            for (long i = 0; i < chunks; i++) {
                sender.out.write(chunk);
                if (i == chunks / 2) {
                    // halfway through the line, another session works normally
                    other.send("echo ok");
                    other.expect("out 1 ok");
                    other.expect("end 1 0");
                }
            }
            sender.out.write('\n');
            sender.out.flush();
            sender.expect("err 1 rshell: line too long: 1073741824 bytes (max-line is 65536)");
            sender.expect("end 1 2");
            // both sessions carry on
            sender.send("echo still here");
            sender.expect("out 2 still here");
            sender.expect("end 2 0");
            other.send("echo ok");
            other.expect("out 2 ok");
            other.expect("end 2 0");
            assertTrue(server.process.isAlive(), "the server is still running");
            assertTrue(server.stderr().contains("Picked up JAVA_TOOL_OPTIONS: -Xmx64m"), server.stderr());
            assertFalse(server.stderr().contains("OutOfMemoryError"), server.stderr());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Clients killed mid-command

    private static int threads(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("Threads:")) {
                return Integer.parseInt(l.substring("Threads:".length()).trim());
            }
        }
        throw new AssertionError("no Threads: in /proc/" + pid + "/status");
    }

    private static int fds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return (int) s.count();
        }
    }

    private static String threadNames(long pid) throws IOException {
        Map<String, Integer> names = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) s::iterator) {
                try {
                    names.merge(Files.readString(task.resolve("comm")).trim(), 1, Integer::sum);
                } catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
        }
        return names.toString();
    }

    /** True while {@code pid} exists and is not a zombie. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 2);
            return afterName.charAt(0) != 'Z';
        } catch (IOException e) {
            return false; // gone
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void a1000ClientsKilledMidCommandLeaveNoProcessesThreadsOrDescriptors() throws Exception {
        Path data = dataWithAlice();
        try (ServerProcess server = ServerProcess.start(data, "--max-sessions", "2000")) {
            long serverPid = server.process.pid();
            // warm up once (class loading, pools), then let it settle before the baseline
            try (Conn c = Conn.login(server.port, null)) {
                c.send("echo warm");
                c.expect("out 1 warm");
                c.expect("end 1 0");
            }
            Thread.sleep(1000);
            int baseThreads = threads(serverPid);
            int baseFds = fds(serverPid);

            int sessions = 1000;
            List<Long> pids = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    futures.add(pool.submit(() -> {
                        Conn c = Conn.login(server.port, null);
                        try {
                            c.send("sh -c 'echo $$; exec sleep 60'");
                            String l = c.expectPrefix("out 1 ");
                            pids.add(Long.parseLong(l.substring("out 1 ".length()).trim()));
                        } finally {
                            c.abort();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            }
            assertEquals(sessions, pids.size());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<Long> left = new ArrayList<>(pids);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                left.removeIf(p -> !running(p));
                if (!left.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            left.removeIf(p -> !running(p));
            assertEquals(List.of(), left, "commands still running 5 s after their clients were killed");

            // threads (idle pool threads expire after a 30 s keep-alive, the JDK's process reaper
            // threads after 60 s) and descriptors settle
            int t = 0;
            int f = 0;
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
            while (System.nanoTime() < settle) {
                t = threads(serverPid);
                f = fds(serverPid);
                if (t <= baseThreads + 10 && f <= baseFds + 10) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(t <= baseThreads + 10, "threads " + t + ", baseline " + baseThreads + ": "
                    + threadNames(serverPid));
            assertTrue(f <= baseFds + 10, "descriptors " + f + ", baseline " + baseFds);
            // and it still serves
            try (Conn c = Conn.login(server.port, null)) {
                c.send("echo alive");
                c.expect("out 1 alive");
                c.expect("end 1 0");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 3. SIGKILL, then restart on the same data directory

    private static Launcher.Result rshell(Path home, String... args) throws Exception {
        return Launcher.run(Launcher.command(Launcher.bin("rshell"), args),
                Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD, "RSHELL_HOME", home.toString()), null, 60);
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void afterSigkillTheAuditLogIsIntactAndTheCertificateIsTheSame() throws Exception {
        Path data = dataWithAlice();
        Path home = dir.resolve("home");
        String fingerprint;
        int port;
        List<String> markers = List.of("fault-marker-1", "fault-marker-2", "fault-marker-3");
        ServerProcess first = ServerProcess.startTls(data, 0);
        try {
            fingerprint = first.printedFingerprint();
            assertNotNull(fingerprint, "no fingerprint printed: " + first.stdout);
            port = first.port;
            for (String m : markers) {
                Launcher.Result r = rshell(home, "--fingerprint", fingerprint, "-c", "echo " + m,
                        "alice@127.0.0.1:" + port);
                assertEquals(0, r.status(), r.err());
                assertEquals(m + "\n", r.out());
            }
            first.process.destroyForcibly(); // SIGKILL
            assertTrue(first.process.waitFor(10, TimeUnit.SECONDS), "the server did not die of SIGKILL");
            assertEquals(137, first.process.exitValue());
        } finally {
            first.close();
        }

        List<String> audit = Files.readAllLines(data.resolve("audit.log"), StandardCharsets.UTF_8);
        assertFalse(audit.isEmpty());
        for (String l : audit) {
            assertTrue(l.startsWith("{") && l.endsWith("}"), "not a JSON object: " + l);
        }
        for (String m : markers) {
            assertTrue(audit.stream().anyMatch(l -> l.contains("\"event\":\"command\"")
                            && l.contains("\"argv\":[\"echo\",\"" + m + "\"]") && l.contains("\"status\":0")),
                    "acknowledged command 'echo " + m + "' missing from the audit log: " + audit);
        }

        try (ServerProcess second = ServerProcess.startTls(data, port)) {
            assertEquals(fingerprint, second.printedFingerprint(), "the certificate changed after SIGKILL");
            Launcher.Result r = rshell(home, "--fingerprint", fingerprint, "-c", "echo after",
                    "alice@127.0.0.1:" + port);
            assertEquals(0, r.status(), r.err());
            assertEquals("after\n", r.out());
        }
        for (String l : Files.readAllLines(data.resolve("audit.log"), StandardCharsets.UTF_8)) {
            assertTrue(l.startsWith("{") && l.endsWith("}"), "not a JSON object after restart: " + l);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 4. 500 silent connections are closed at login-grace

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiveHundredSilentConnectionsAreClosedAtLoginGraceWhileAUserWorks() throws Exception {
        Path data = dataWithAlice();
        try (ServerProcess server = ServerProcess.start(data, "--login-grace", "2s", "--max-startups", "1000",
                "--max-startups-per-address", "1000", "--max-sessions", "2000")) {
            int count = 500;
            List<Conn> silent = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    silent.add(new Conn(server.port, "127.0.0.2"));
                }
                long opened = System.nanoTime();
                try (Conn user = Conn.login(server.port, "127.0.0.3")) {
                    user.send("echo working");
                    user.expect("out 1 working");
                    user.expect("end 1 0");
                }
                for (Conn c : silent) {
                    c.expectPrefix("hello rshell/1 ");
                    c.expect("bye login timeout");
                    assertEquals(null, c.line(), "the connection ends after bye");
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - opened);
                assertTrue(seconds < 15, "closing 500 silent connections took " + seconds + " s");
            } finally {
                for (Conn c : silent) {
                    c.close();
                }
            }
            // the server still serves afterwards
            try (Conn c = Conn.login(server.port, null)) {
                c.send("echo after");
                c.expect("out 1 after");
                c.expect("end 1 0");
            }
        }
    }
}
