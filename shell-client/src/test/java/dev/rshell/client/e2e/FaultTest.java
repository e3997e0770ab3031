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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tests of issue 5 ("Reliability: fault tests in the suite") against {@code bin/rshell-server}
 * as a real process, on loopback only: a 1 GiB line, 1,000 killed clients, SIGKILL and restart,
 * 500 silent connections, 10,000 fuzz connections, SIGTERM while commands run. Every loop is bounded in count and time, every test stops the
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
                c.expectPrefix("hello rshell/1.1 ");
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
            int baseThreads = ServerFigures.threads(serverPid);
            int baseFds = ServerFigures.fds(serverPid);

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
                left.removeIf(p -> !ServerFigures.running(p));
                if (!left.isEmpty()) {
                    Thread.sleep(100);
                }
            }
            left.removeIf(p -> !ServerFigures.running(p));
            assertEquals(List.of(), left, "commands still running 5 s after their clients were killed");

            // threads (idle pool threads expire after a 30 s keep-alive, the JDK's process reaper
            // threads after 60 s) and descriptors settle
            int t = 0;
            int f = 0;
            long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(75);
            while (System.nanoTime() < settle) {
                t = ServerFigures.threads(serverPid);
                f = ServerFigures.fds(serverPid);
                if (t <= baseThreads + 10 && f <= baseFds + 10) {
                    break;
                }
                Thread.sleep(500);
            }
            assertTrue(t <= baseThreads + 10, "threads " + t + ", baseline " + baseThreads + ": "
                    + ServerFigures.threadNames(serverPid));
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
                    c.expectPrefix("hello rshell/1.1 ");
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

    // ---------------------------------------------------------------------------------------------
    // 5. Fuzz: 10,000 connections of random bytes and protocol-like lines

    private static final int FUZZ_CONNECTIONS = 10_000;
    /** Connections before the baseline: classes loaded, code compiled, caches filled. */
    private static final int FUZZ_WARMUP = 500;
    private static final int FUZZ_CONCURRENCY = 48;
    private static final int FUZZ_MAX_LINE = 4096;
    /** Heap the server may hold after the fuzz beyond its baseline: 400 bytes per connection. */
    private static final long HEAP_SLACK = 4L << 20;

    /**
     * Why a real server process and {@code jcmd}, not an in-process server and the
     * MemoryMXBean: in-process, the test's own 48 client threads, their buffers and JUnit share
     * the heap, the thread list and the descriptor table with the server, so a leak of the
     * server's would hide in the test's noise; a process of its own is measured alone, exactly
     * as an operator would measure it, and the launcher's flags (SerialGC, small stacks) are the
     * ones under test. {@code GC.run} is a full collection with SerialGC, so the used heap after
     * it is live data only.
     */
    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void tenThousandFuzzConnectionsLeaveTheServerServingAndItsThreadsDescriptorsAndHeapAtBaseline()
            throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        System.out.println("FaultTest fuzz: seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Path data = dataWithAlice(); // alice probes
        // The fuzz's account is a viewer: whatever it types, no OS program runs.
        ServerProcess.addUser(data, "fuzz", "viewer");
        // No per-address penalty and room for every connection: the fuzz must reach the
        // protocol, not be throttled or refused before it.
        try (ServerProcess server = ServerProcess.start(data, "--max-line", String.valueOf(FUZZ_MAX_LINE),
                "--max-sessions", "2000", "--max-startups", "1000", "--max-startups-per-address", "1000",
                "--auth-delay", "0s", "--auth-delay-max", "0s", "--auth-block-after", "10000",
                "--auth-block-window", "1s", "--audit-max-bytes", "1g")) {
            long pid = server.process.pid();
            FuzzConnection fuzz = new FuzzConnection(new InetSocketAddress("127.0.0.1", server.port), "fuzz",
                    ServerProcess.PASSWORD, FUZZ_MAX_LINE, seed);
            fuzzRun(fuzz, -FUZZ_WARMUP, 0, server);
            ServerFigures.ThreadCensus baseThreads = awaitSessionsEnded(pid);
            assertTrue(baseThreads.busyServer().stream().noneMatch(FaultTest::sessionThread),
                    "after the warm-up: " + baseThreads);
            int baseFds = ServerFigures.fds(pid);
            long baseHeap = ServerFigures.heapUsedAfterGc(pid);

            long started = System.nanoTime();
            int probes = fuzzRun(fuzz, 0, FUZZ_CONNECTIONS, server);
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

            List<String> violations = new ArrayList<>(fuzz.violations);
            assertEquals(List.of(), violations.subList(0, Math.min(20, violations.size())),
                    violations.size() + " protocol violations (seed " + seed + ", first 20 shown)");
            Map<String, Long> tally = new java.util.TreeMap<>();
            fuzz.tally.forEach((k, v) -> tally.put(k, v.sum()));
            System.out.println("FaultTest fuzz: " + FUZZ_CONNECTIONS + " connections in " + seconds + " s, "
                    + probes + " probes: " + tally);
            assertTrue(tally.keySet().stream().noneMatch(k -> k.startsWith("refused")),
                    "connections were refused, not fuzzed: " + tally);
            // The fuzz reaches past the login and runs commands, or it tests little.
            assertTrue(tally.getOrDefault("logged in", 0L) >= FUZZ_CONNECTIONS / 5, tally.toString());
            assertTrue(tally.getOrDefault("end", 0L) >= FUZZ_CONNECTIONS / 2, tally.toString());
            assertTrue(probes >= 2, "probes during the run: " + probes);

            ServerFigures.ThreadCensus threads = awaitSessionsEnded(pid);
            assertEquals(baseThreads.busyServer(), threads.busyServer(),
                    "server threads still busy after every client left");
            // Any thread left behind, whatever its name; 3 for the JVM's own (compiler threads
            // come and go with the JIT's work).
            assertTrue(threads.notIdle() <= baseThreads.notIdle() + 3,
                    "threads besides idle pool workers: " + threads + ", baseline " + baseThreads
                            + "; by name: " + ServerFigures.threadNames(pid));
            int f = awaitAtMost(() -> ServerFigures.fds(pid), baseFds + 2);
            assertTrue(f <= baseFds + 2, "descriptors " + f + ", baseline " + baseFds);
            long heap = ServerFigures.heapUsedAfterGc(pid);
            System.out.println("FaultTest fuzz: heap after GC " + baseHeap / 1024 + " KiB before, " + heap / 1024
                    + " KiB after; descriptors " + baseFds + " before, " + f + " after; threads "
                    + baseThreads + " before, " + threads + " after (idle pool workers retire after 30 s)");
            assertTrue(heap <= baseHeap + HEAP_SLACK, "heap after GC " + heap + " bytes, baseline " + baseHeap);

            probe(server, "after");
            assertTrue(server.process.isAlive(), "the server is still running");
            for (String bad : List.of("Exception", "Error", "\tat ")) {
                assertFalse(server.stderr().contains(bad), "server stderr: " + server.stderr());
            }
            // Every connection that was admitted was also torn down, and the log stayed whole.
            // A connection's connect is written with its first other event, so the last ones
            // torn down may still be on their way to the log: read it again, for a bounded time.
            List<String> audit;
            long connects;
            long disconnects;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            do {
                Thread.sleep(200);
                audit = Files.readAllLines(data.resolve("audit.log"), StandardCharsets.UTF_8);
                connects = audit.stream().filter(l -> l.contains("\"event\":\"connect\"")).count();
                disconnects = audit.stream().filter(l -> l.contains("\"event\":\"disconnect\"")).count();
            } while (connects != disconnects && System.nanoTime() < deadline);
            for (String l : audit) {
                assertTrue(l.startsWith("{\"ts\":") && l.endsWith("}"), "not an audit record: " + l);
            }
            // Pre-login noise past the audit budget is left out (and summed up in a "suppressed"
            // record at the end of its minute), so only some connections have records here.
            assertTrue(connects > 0, "connect records: " + connects);
            assertEquals(connects, disconnects, "sessions that connected but never ended");
        }
    }

    /**
     * Runs fuzz connections {@code from} (inclusive) to {@code to} on {@link #FUZZ_CONCURRENCY}
     * threads while this thread logs a real user in and runs {@code echo} about once a second.
     *
     * @return how many probes ran
     */
    private static int fuzzRun(FuzzConnection fuzz, int from, int to, ServerProcess server) throws Exception {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(from);
        ExecutorService pool = Executors.newFixedThreadPool(FUZZ_CONCURRENCY);
        int probes = 0;
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < FUZZ_CONCURRENCY; i++) {
                workers.add(pool.submit(() -> {
                    for (int n = next.getAndIncrement(); n < to; n = next.getAndIncrement()) {
                        fuzz.run(n);
                    }
                }));
            }
            // A hang guard only: the run takes a fraction of it.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            for (Future<?> w : workers) {
                while (true) {
                    probe(server, "probe-" + probes++);
                    try {
                        w.get(1, TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        assertTrue(System.nanoTime() < deadline, "the fuzz run did not finish within 150 s");
                    }
                }
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "fuzz threads did not stop");
        }
        return probes;
    }

    /** A real user logs in from an address of its own and runs echo. */
    private static void probe(ServerProcess server, String word) throws IOException {
        try (Conn c = Conn.login(server.port, "127.0.0.100")) {
            c.send("echo " + word);
            c.expect("out 1 " + word);
            c.expect("end 1 0");
        }
    }

    /**
     * Waits (bounded) until no session's thread is busy; answers the threads then. The timer
     * thread is left out of the busy names: it is busy whenever a dump catches a watchdog round.
     */
    private static ServerFigures.ThreadCensus awaitSessionsEnded(long pid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            ServerFigures.ThreadCensus census = ServerFigures.threadCensus(pid);
            List<String> busy = new ArrayList<>(census.busyServer());
            busy.removeIf(name -> name.startsWith("rshell-timer-"));
            if (busy.stream().noneMatch(FaultTest::sessionThread) || System.nanoTime() > deadline) {
                return new ServerFigures.ThreadCensus(census.all(), census.idleWorkers(), busy);
            }
            Thread.sleep(200);
        }
    }

    private static boolean sessionThread(String name) {
        return name.startsWith("rshell-session-") || name.startsWith("rshell-runner-")
                || name.startsWith("rshell-job-") || name.startsWith("rshell-refuse-");
    }

    /** Polls {@code reading} (bounded) until it is at most {@code limit}; answers the last value. */
    private static int awaitAtMost(java.util.concurrent.Callable<Integer> reading, int limit) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int value = reading.call();
        while (value > limit && System.nanoTime() < deadline) {
            Thread.sleep(200);
            value = reading.call();
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // 6. SIGTERM while commands run

    private static final String SHUTDOWN_MSG = "msg server shutting down";
    private static final String BYE = "bye shutting down";
    /** The pipelined burst: echo N, except command 200, which blocks until the shutdown. */
    private static final int BURST = 2000;
    private static final int BURST_BLOCKER = 200;

    /** A command line sent, and the argv the audit log records for it. */
    private record Sent(String line, List<String> argv) {
        Sent(String line) {
            this(line, List.of(line.split(" ")));
        }
    }

    private static final Sent SH_SLEEP = new Sent("sh -c 'echo $$; exec sleep 30'",
            List.of("sh", "-c", "echo $$; exec sleep 30"));

    private static Sent burstCommand(int n) {
        return n == BURST_BLOCKER ? new Sent("sleep 30") : new Sent("echo " + n);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sigtermWhileCommandsRunEndsEachBeforeByeAuditsEveryAcknowledgedOneAndExits0() throws Exception {
        Path data = dataWithAlice(); // admin: the test runs sh and the OS's sleep
        Map<String, List<Sent>> sent = new java.util.LinkedHashMap<>(); // by the session's address
        Map<String, List<String>> seen = new java.util.LinkedHashMap<>();
        List<Long> pids = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data)) {
            Map<String, Transcript> open = new java.util.LinkedHashMap<>();
            try {
                Transcript builtin = session(server, "127.0.0.11", open);
                send(builtin, sent, "127.0.0.11", new Sent("sleep 30"));

                Transcript os = session(server, "127.0.0.12", open);
                send(os, sent, "127.0.0.12", SH_SLEEP);
                pids.add(pid(os.await(l -> l.startsWith("out 1 "), 20, "the OS command's pid")));

                Transcript jobs = session(server, "127.0.0.13", open);
                send(jobs, sent, "127.0.0.13", new Sent("sleep 30 &", List.of("sleep", "30")));
                send(jobs, sent, "127.0.0.13", new Sent(SH_SLEEP.line() + " &", SH_SLEEP.argv()));
                send(jobs, sent, "127.0.0.13", new Sent("jobs"));
                jobs.await("end 3 0"::equals, 20, "the end of jobs");
                pids.add(pid(jobs.await(l -> l.startsWith("out 2 "), 20, "the job's pid")));

                // Pipelined in one write; the runner flushes before the blocking command 200,
                // so "end 199" arrives as 200 starts, with up to 1,800 lines still queued.
                Transcript burst = session(server, "127.0.0.14", open);
                List<Sent> burstCommands = new ArrayList<>();
                for (int n = 1; n <= BURST; n++) {
                    burstCommands.add(burstCommand(n));
                }
                sent.put("127.0.0.14", burstCommands);
                burst.send(String.join("\n", burstCommands.stream().map(Sent::line).toList()));
                burst.await(("end " + (BURST_BLOCKER - 1) + " 0")::equals, 30, "the burst's first 199 ends");

                // An idle session, which also makes sure the sleeps run (not still queued).
                Transcript control = session(server, "127.0.0.15", open);
                int whos = awaitForeground(control, List.of("127.0.0.11", "127.0.0.14"), "sleep 30");
                List<Sent> whoLines = new ArrayList<>();
                for (int i = 0; i < whos; i++) {
                    whoLines.add(new Sent("who"));
                }
                sent.put("127.0.0.15", whoLines);

                assertEquals(0, server.terminate(), "exit status after SIGTERM; stderr: " + server.stderr());
                for (Map.Entry<String, Transcript> t : open.entrySet()) {
                    seen.put(t.getKey(), t.getValue().awaitEnd(20));
                }
            } finally {
                for (Transcript t : open.values()) {
                    t.close();
                }
            }
            assertFalse(server.stderr().contains("\tat "), server.stderr());
        }

        seen.forEach((address, lines) -> {
            assertEquals(BYE, lines.get(lines.size() - 1), address + ": " + lines);
            assertEquals(1, lines.stream().filter(l -> l.startsWith(SHUTDOWN_MSG)).count(), address + ": " + lines);
        });
        List<String> builtin = seen.get("127.0.0.11");
        assertTrue(builtin.get(0).startsWith(SHUTDOWN_MSG), builtin.toString());
        assertEquals(List.of("end 1 130", BYE), builtin.subList(1, builtin.size()));
        List<String> os = seen.get("127.0.0.12");
        assertTrue(os.size() == 4 && os.get(1).startsWith(SHUTDOWN_MSG), os.toString());
        assertEquals(List.of("end 1 130", BYE), os.subList(2, 4));
        List<String> jobs = seen.get("127.0.0.13");
        List<String> afterMsg = afterShutdownMsg(jobs);
        assertEquals(java.util.Set.of("end 1 130", "end 2 130", BYE), java.util.Set.copyOf(afterMsg), jobs.toString());
        assertEquals(3, afterMsg.size(), jobs.toString());
        List<String> burst = seen.get("127.0.0.14");
        List<String> ends = burst.stream().filter(l -> l.startsWith("end ")).toList();
        List<String> expectedEnds = new ArrayList<>();
        for (int n = 1; n < BURST_BLOCKER; n++) {
            expectedEnds.add("end " + n + " 0");
        }
        expectedEnds.add("end " + BURST_BLOCKER + " 130"); // and the queued rest gets nothing
        assertEquals(expectedEnds, ends);
        assertEquals(List.of("end " + BURST_BLOCKER + " 130", BYE), afterShutdownMsg(burst));
        List<String> control = seen.get("127.0.0.15");
        assertTrue(control.get(control.size() - 2).startsWith(SHUTDOWN_MSG), control.toString());

        for (long pid : pids) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (ServerFigures.running(pid) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(ServerFigures.running(pid), "OS process " + pid + " outlived the server");
        }
        assertEveryAcknowledgedCommandIsAudited(data, sent, seen);
    }

    private static Transcript session(ServerProcess server, String address, Map<String, Transcript> open)
            throws IOException {
        Transcript t = new Transcript(Conn.login(server.port, address), address);
        open.put(address, t);
        return t;
    }

    private static void send(Transcript t, Map<String, List<Sent>> sent, String address, Sent command)
            throws IOException {
        sent.computeIfAbsent(address, a -> new ArrayList<>()).add(command);
        t.send(command.line());
    }

    private static long pid(String outLine) {
        return Long.parseLong(outLine.substring(outLine.lastIndexOf(' ') + 1).trim());
    }

    private static List<String> afterShutdownMsg(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(SHUTDOWN_MSG)) {
                return lines.subList(i + 1, lines.size());
            }
        }
        throw new AssertionError("no " + SHUTDOWN_MSG + " in " + lines);
    }

    /**
     * Runs {@code who} on {@code control} until the sessions at each of {@code addresses} show
     * {@code command} as their foreground command (bounded); answers how many {@code who} ran.
     */
    private static int awaitForeground(Transcript control, List<String> addresses, String command)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int n = 1; ; n++) {
            control.send("who");
            control.await(("end " + n + " 0")::equals, 10, "the end of who " + n);
            String prefix = "out " + n + " ";
            List<String> rows = control.lines().stream().filter(l -> l.startsWith(prefix)).toList();
            boolean all = addresses.stream().allMatch(a -> rows.stream().anyMatch(r -> r.contains(" " + a + " ")
                    && r.endsWith(" " + command)));
            if (all) {
                return n;
            }
            assertTrue(System.nanoTime() < deadline, "'" + command + "' not running in " + addresses + ": " + rows);
            Thread.sleep(100);
        }
    }

    /**
     * Every command a client saw acknowledged ({@code end N STATUS}, or {@code bg N}) has its
     * {@code command} record in the audit log, with that status when the client saw its end.
     */
    @SuppressWarnings("unchecked")
    private static void assertEveryAcknowledgedCommandIsAudited(Path data, Map<String, List<Sent>> sent,
                                                                Map<String, List<String>> seen) throws IOException {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String l : Files.readAllLines(data.resolve("audit.log"), StandardCharsets.UTF_8)) {
            records.add((Map<String, Object>) dev.rshell.client.bench.MiniJson.parse(l));
        }
        Map<String, Object> last = records.get(records.size() - 1);
        assertEquals(List.of("server", "stop", "clean"), List.of(last.get("event"), last.get("what"), last.get("detail")),
                "the shutdown ended every session within shutdown-timeout");
        for (Map.Entry<String, List<String>> session : seen.entrySet()) {
            String address = session.getKey();
            List<Map<String, Object>> audited = new ArrayList<>(records.stream()
                    .filter(r -> "command".equals(r.get("event")) && address.equals(r.get("address"))).toList());
            Map<Long, Integer> acknowledged = new java.util.TreeMap<>(); // N -> status, or -1 for bg only
            for (String l : session.getValue()) {
                String[] f = l.split(" ");
                if (f[0].equals("end") && f.length == 3) {
                    acknowledged.put(Long.parseLong(f[1]), Integer.parseInt(f[2]));
                } else if (f[0].equals("bg") && f.length == 2) {
                    acknowledged.putIfAbsent(Long.parseLong(f[1]), -1);
                }
            }
            assertFalse(acknowledged.isEmpty(), address);
            for (Map.Entry<Long, Integer> a : acknowledged.entrySet()) {
                List<String> argv = sent.get(address).get((int) (a.getKey() - 1)).argv();
                int status = a.getValue();
                Map<String, Object> match = audited.stream().filter(r -> argv.equals(r.get("argv"))
                                && (status < 0 || ((java.math.BigDecimal) r.get("status")).intValue() == status))
                        .findFirst().orElseThrow(() -> new AssertionError(address + ": command " + a.getKey()
                                + " " + argv + " acknowledged with " + (status < 0 ? "bg" : "end " + status)
                                + " but not in the audit log: " + audited));
                audited.remove(match);
            }
        }
    }
}
