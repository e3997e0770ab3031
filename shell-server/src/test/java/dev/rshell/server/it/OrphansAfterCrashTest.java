package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rshell.server.exec.OsCommandRunner;
import dev.rshell.server.exec.ProcessJournal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL can't end the commands it started; the next server on the same
 * data directory does, before it serves. Real server processes (child JVMs), a real session,
 * real OS processes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrphansAfterCrashTest {

    @TempDir
    Path dir;

    private final List<Process> servers = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    /** A started server process, its admin password (first start only) and its address. */
    private record Child(Process process, String password, InetSocketAddress address) {
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Process server : servers) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void theNextStartEndsWhatAKilledServerLeftRunning() throws Exception {
        assumeTrue(OsCommandRunner.usesProcessGroups(), "Linux with setsid and /proc");
        Path data = dir.resolve("data");
        Child first = startServer(data);
        long sh;
        long sleep;
        try (RawClient c = new RawClient(first.address())) {
            c.expectPrefix("hello rshell/1");
            c.send(":login admin " + first.password());
            c.expect("ok logged in as admin (admin)");
            c.expectPrefix("cwd ");
            c.send("sh -c 'sleep 300 & echo $$ $!; wait'");
            String[] both = c.expectPrefix("out 1 ").substring("out 1 ".length()).split(" ");
            sh = Long.parseLong(both[0]);
            sleep = Long.parseLong(both[1]);
            pids.add(sh);
            pids.add(sleep);

            first.process().toHandle().destroyForcibly(); // SIGKILL: no teardown runs
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the server died");
        }
        assertTrue(alive(sleep) && alive(sh), "the commands outlived the killed server");

        Child second = startServer(data);
        assertTrue(gone(sleep) && gone(sh), "the restarted server ended them before listening");
        String audit = Files.readString(data.resolve("audit.log"), StandardCharsets.UTF_8);
        String event = audit.lines().filter(l -> l.contains("\"orphans-ended\"")).findFirst().orElse(null);
        assertNotNull(event, audit);
        assertTrue(event.contains("pgid " + sh + ")") && event.contains("2 processes"), event);
        try (Stream<Path> records = Files.list(data.resolve(ProcessJournal.DIRECTORY))) {
            assertEquals(0, records.count(), "their records are gone");
        }

        // A command that ends normally leaves no record behind once its session ends.
        try (RawClient c = new RawClient(second.address())) {
            c.expectPrefix("hello rshell/1");
            c.send(":login admin " + first.password());
            c.expect("ok logged in as admin (admin)");
            c.expectPrefix("cwd ");
            c.send("true");
            c.expect("end 1 0");
            c.send(":quit");
            c.expect("bye goodbye");
        }
        awaitNoRecords(data.resolve(ProcessJournal.DIRECTORY));
    }

    private Child startServer(Path data) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("home"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-Duser.home=" + home,
                "dev.rshell.server.cli.ServerMain", "--data-dir", data.toString(), "--port", "0",
                "--bind", "127.0.0.1", "--no-tls", "--argon2-memory", "64k", "--argon2-iterations", "1",
                "--kill-grace", "500ms", "--auth-delay", "10ms", "--auth-delay-max", "50ms");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        servers.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // The server is gone: nothing more to read.
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        String password = null;
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            assertNotNull(line, "the server said it listens");
            if (line.startsWith("created user admin (role admin) with password: ")) {
                password = line.substring(line.lastIndexOf(' ') + 1);
            } else if (line.startsWith("listening on ")) {
                String hostPort = line.substring("listening on ".length());
                int colon = hostPort.lastIndexOf(':');
                return new Child(process, password, new InetSocketAddress(hostPort.substring(0, colon),
                        Integer.parseInt(hostPort.substring(colon + 1))));
            }
        }
    }

    private static void awaitNoRecords(Path records) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Stream<Path> files = Files.list(records)) {
                if (files.findAny().isEmpty()) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        try (Stream<Path> files = Files.list(records)) {
            assertEquals(List.of(), files.toList(), "records left after the session ended");
        }
    }

    /** Running: present in /proc and not a zombie (a zombie can't run; PID 1 may never reap it). */
    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.ISO_8859_1);
            char state = stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 100 && alive(pid); i++) {
            Thread.sleep(20);
        }
        return !alive(pid);
    }
}
