package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code threads} setting and {@code JAVA_HOME} through the real launcher. On a Java
 * without virtual threads (the JVM running this test, when it is older than 21) the server
 * must stop at start with one line and status 2. With a Java 21+ JDK on the machine
 * ({@code RSHELL_TEST_JAVA21_HOME}, else the newest JDK 21+ under {@code /usr/lib/jvm}) the
 * server runs on it with virtual threads and is driven as usual; without one those tests are
 * skipped (an assumption), so the suite passes on a machine with Java 17 alone.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ThreadsEndToEndTest {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    @TempDir
    Path dir;

    /** A JDK of Java 21 or later, if this machine has one. */
    static Optional<Path> java21() {
        String given = System.getenv("RSHELL_TEST_JAVA21_HOME");
        if (given != null && !given.isBlank()) {
            return Optional.of(Path.of(given)).filter(home -> feature(home) >= 21);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> feature(home) >= 21)
                    .max(Comparator.comparingInt(ThreadsEndToEndTest::feature));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The Java feature release of the JDK at {@code home}, from its release file; 0 if unknown. */
    private static int feature(Path home) {
        try {
            if (!Files.isExecutable(home.resolve("bin/java"))) {
                return 0;
            }
            Matcher m = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int osThreads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring("Threads:".length()).trim());
            }
        }
        throw new AssertionError("no Threads: in /proc/" + pid + "/status");
    }

    @Test
    void virtualOnAJavaBefore21StopsAtStartWithOneLineAndStatus2() throws Exception {
        int feature = Runtime.version().feature();
        assumeTrue(feature < 21, "this test's JVM is Java " + feature + ", which has virtual threads");
        Path data = dir.resolve("data");
        Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell-server"), "--threads", "virtual",
                        "--no-tls", "--port", "0", "--data-dir", data.toString()),
                Map.of("JAVA_HOME", System.getProperty("java.home")), null, 60);
        assertEquals(2, r.status(), r.err());
        assertEquals("rshell-server: threads: virtual (flag --threads) needs Java 21 or later, and the server"
                + " runs on Java " + feature + "; use platform, or start the server with a Java 21+ (JAVA_HOME)\n",
                r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(data), "nothing is set up before the settings are checked");
    }

    @Test
    void aJavaHomeWithoutJavaIsOneLineAndStatus1() throws Exception {
        Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell-server"), "--version"),
                Map.of("JAVA_HOME", dir.toString()), null, 60);
        assertEquals(1, r.status(), r.err());
        assertEquals("rshell-server: JAVA_HOME is " + dir + ", but " + dir
                + "/bin/java is not an executable; fix or unset JAVA_HOME\n", r.err());
    }

    @Test
    void onJava21ManyIdleSessionsHoldFewOsThreadsAndEveryOneStillWorks() throws Exception {
        Optional<Path> jdk = java21();
        assumeTrue(jdk.isPresent(), "no Java 21+ JDK here (set RSHELL_TEST_JAVA21_HOME to one)");
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin"); // admin: runs sh
        int sessions = 200;
        try (ServerProcess server = ServerProcess.startWithEnv(data, Map.of("JAVA_HOME", jdk.get().toString()),
                "--threads", "virtual", "--max-sessions", "400", "--max-startups", "100",
                "--max-startups-per-address", "100")) {
            List<FaultTest.Conn> idle = new ArrayList<>();
            try {
                for (int i = 0; i < sessions; i++) {
                    idle.add(FaultTest.Conn.login(server.port, null));
                }
                int threads = osThreads(server.process.pid());
                // One platform thread per session would make it 200 and more.
                assertTrue(threads < sessions / 2, "the server has " + threads + " OS threads for "
                        + sessions + " idle sessions");
                for (int i = 0; i < sessions; i++) {
                    FaultTest.Conn c = idle.get(i);
                    c.send("echo " + i);
                    c.expect("out 1 " + i);
                    c.expect("end 1 0");
                }
                FaultTest.Conn c = idle.get(0);
                c.send("sh -c 'echo $((6 * 7))'"); // an OS program, read by polling on a virtual runner
                c.expect("out 2 42");
                c.expect("end 2 0");
                c.send("sleep 30 &"); // a background job on a virtual thread, ended by kill
                c.expect("bg 3");
                c.send("kill 3");
                List<String> lines = new ArrayList<>();
                while (!lines.contains("end 3 130") || !lines.contains("end 4 0")) {
                    lines.add(c.line());
                    assertTrue(lines.size() <= 2, lines.toString());
                }
            } finally {
                for (FaultTest.Conn c : idle) {
                    c.close();
                }
            }
            assertEquals(0, server.terminate(), "a clean shutdown: " + server.stderr());
        }
    }

    @Test
    void onJava21VirtualThreadsServeTlsToTheClient() throws Exception {
        Optional<Path> jdk = java21();
        assumeTrue(jdk.isPresent(), "no Java 21+ JDK here (set RSHELL_TEST_JAVA21_HOME to one)");
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "admin");
        try (ServerProcess server = ServerProcess.startTlsWithEnv(data, Map.of("JAVA_HOME", jdk.get().toString()),
                "--threads", "virtual")) {
            Launcher.Result r = Launcher.run(Launcher.command(Launcher.bin("rshell"), "--fingerprint",
                            server.printedFingerprint(), "-c", "echo over tls", "-c", "sh -c 'echo $((6 * 7))'",
                            server.target("alice")),
                    Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD, "RSHELL_HOME", dir.resolve("home").toString()),
                    null, 60);
            assertEquals(0, r.status(), r.err());
            assertEquals("over tls\n42\n", r.out());
            assertEquals(0, server.terminate(), "a clean shutdown: " + server.stderr());
        }
    }
}
