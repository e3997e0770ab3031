package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rshell.client.bench.MiniJson;
import dev.rshell.client.fanout.HostFolding;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * {@code bin/rshell} on many hosts (issue 12), a real process against three real servers
 * ({@code bin/rshell-server}, plain TCP) on distinct 127.0.0.1 ports and one closed port. The
 * servers differ by port, so the hosts are written {@code alice@127.0.0.1:P1,...}, or as a
 * group of the client's groups file; each is then labelled {@code 127.0.0.1:PORT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FanoutCliEndToEndTest {

    /** Long enough for a loaded machine; a client that never stops fails the test here. */
    private static final long CLIENT_SECONDS = 60;

    private final List<ServerProcess> servers = new ArrayList<>();
    private Path home;
    private int closedPort;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        for (int i = 1; i <= 3; i++) {
            Path data = dir.resolve("data" + i);
            ServerProcess.addUser(data, "alice", "admin"); // admin: OS commands (sh, cat)
            servers.add(ServerProcess.start(data));
        }
        // Only the second server's home has the marker: "cat marker" fails on the others.
        Files.writeString(servers.get(1).dataDir.resolve("marker"), "found\n");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        home = dir.resolve("home");
        Files.createDirectories(home.resolve(".rshell"));
        StringBuilder lab = new StringBuilder("# the three test servers\nlab:");
        for (ServerProcess s : servers) {
            lab.append(" 127.0.0.1:").append(s.port);
        }
        Files.writeString(home.resolve(".rshell/groups"), lab + "\n");
    }

    @AfterAll
    void stop() throws Exception {
        for (ServerProcess s : servers) {
            s.close();
        }
    }

    private Launcher.Result rshell(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("RSHELL_PASSWORD", ServerProcess.PASSWORD);
        env.put("HOME", home.toString());
        env.put("RSHELL_HOME", home.resolve(".rshell").toString());
        return Launcher.run(Launcher.command(Launcher.bin("rshell"), args), env, null, CLIENT_SECONDS);
    }

    /** {@code alice@127.0.0.1:P1,alice@127.0.0.1:P2,...}, with the closed port last when asked. */
    private String hosts(boolean withClosed) {
        List<String> members = new ArrayList<>();
        for (ServerProcess s : servers) {
            members.add(s.target("alice"));
        }
        if (withClosed) {
            members.add("alice@127.0.0.1:" + closedPort);
        }
        return String.join(",", members);
    }

    private List<String> labels() {
        return servers.stream().map(s -> "127.0.0.1:" + s.port).toList();
    }

    private String three() {
        return HostFolding.fold(labels());
    }

    @Test
    void threeHostsPrintThreePrefixedLinesAndASummary() throws Exception {
        Launcher.Result r = rshell("--no-tls", hosts(false), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        List<String> printed = r.out().lines().sorted().toList();
        List<String> expected = labels().stream().map(l -> l + ": hi").sorted().toList();
        assertEquals(expected, printed, r.out());
        assertEquals("ok 3 " + three() + "\n", r.err());
    }

    @Test
    void gatherPrintsIdenticalOutputOnceUnderTheFoldedHosts() throws Exception {
        Launcher.Result r = rshell("--no-tls", "-b", hosts(false), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("---------------\n" + three() + " (3)\n---------------\nhi\n", r.out());
        assertEquals("ok 3 " + three() + "\n", r.err());
    }

    @Test
    void aGroupWithMixedStatusesIsGatheredPerOutcome() throws Exception {
        Launcher.Result r = rshell("--no-tls", "-b", "alice@@lab", "cat marker");
        String found = labels().get(1);
        List<String> others = List.of(labels().get(0), labels().get(2));
        assertTrue(r.status() > 0 && r.status() < 255, "the remote status of cat, got " + r.status() + ": " + r.err());
        assertTrue(r.out().contains("---------------\n" + found + " (1)\n---------------\nfound\n"), r.out());
        assertTrue(r.out().contains(HostFolding.fold(others) + " (2) status " + r.status() + "\n"), r.out());
        assertTrue(r.err().endsWith("ok 1 " + found + "\nfailed 2 " + HostFolding.fold(others)
                + " (status " + r.status() + ")\n"), r.err());
    }

    @Test
    void aClosedPortIsUnreachableAndTheStatusIs255() throws Exception {
        Launcher.Result r = rshell("--no-tls", hosts(true), "echo", "hi");
        assertEquals(255, r.status(), r.err());
        assertEquals(3, r.out().lines().filter(l -> l.endsWith(": hi")).count(), r.out());
        assertEquals("ok 3 " + three() + "\nunreachable 1 127.0.0.1:" + closedPort + " (connection refused)\n",
                r.err());
    }

    @Test
    void jsonLinesParseOneByOne() throws Exception {
        Launcher.Result r = rshell("--no-tls", "--json", hosts(true), "echo", "hi");
        assertEquals(255, r.status(), r.err());
        List<Object> events = r.out().lines().map(MiniJson::parse).toList();
        assertEquals(7, events.size(), r.out());
        int outputs = 0;
        for (Object e : events) {
            Map<?, ?> m = (Map<?, ?>) e;
            if (m.containsKey("stream")) {
                outputs++;
                assertEquals("stdout", m.get("stream"));
                assertEquals("hi", m.get("text"));
                assertTrue(labels().contains(m.get("host")), m.toString());
            } else if (m.get("host").equals("127.0.0.1:" + closedPort)) {
                assertEquals("unreachable", m.get("outcome"));
                assertEquals(null, m.get("status"));
            } else {
                assertEquals("ok", m.get("outcome"));
                assertEquals(0, MiniJson.longAt(e, "status"));
            }
        }
        assertEquals(3, outputs);
    }

    @Test
    void aBadRangeIsAUsageErrorOfOneLine() throws Exception {
        Launcher.Result r = rshell("--no-tls", "alice@web[3-1]", "echo", "hi");
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("rshell: bad range \"[3-1]\""), r.err());
    }

    @Test
    void anUnknownGroupIsAUsageErrorOfOneLine() throws Exception {
        Launcher.Result r = rshell("--no-tls", "alice@@nosuch", "echo", "hi");
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unknown group @nosuch"), r.err());
    }

    /**
     * Ctrl-C on a real terminal (tmux, as {@link TmuxTest}): every host's running command is
     * interrupted, what they printed stays, the summary counts them interrupted, and the status
     * is 130. Without the handler the JVM dies of the SIGINT: no summary, and status 130 too,
     * so the summary is what tells.
     */
    @Test
    void ctrlCInterruptsEveryHostAndStillPrintsTheSummary() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        Path pane = Files.createDirectories(home.resolveSibling("home-ctrl-c"));
        List<String> command = TmuxTest.client("--no-tls", "-c", "echo started", "-c", "sleep 30", hosts(false));
        try (TmuxTest.Tmux tmux = TmuxTest.Tmux.start(pane.getParent(), pane, command)) {
            tmux.await(lines -> lines.stream().filter(l -> l.endsWith(": started")).count() == 3,
                    "three hosts started");
            Thread.sleep(500); // the sleeps are sent right after the echoes; let them start
            tmux.key("C-c");
            List<String> screen = tmux.await(lines -> lines.stream().anyMatch(l -> l.startsWith("[rshell exited")),
                    "the client's end");
            assertTrue(screen.contains("[rshell exited 130]"), String.join("\n", screen));
            // endsWith: the terminal echoes ^C in front of the summary's first line
            assertTrue(screen.stream().anyMatch(l -> l.endsWith("interrupted 3 " + three())),
                    String.join("\n", screen));
            assertEquals(3, screen.stream().filter(l -> l.endsWith(": started")).count(), String.join("\n", screen));
        }
    }

    private static boolean tmuxInstalled() {
        try {
            return Launcher.run(List.of("tmux", "-V"), Map.of(), null, 10).status() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void oneHostStaysTheOneHostClient() throws Exception {
        Launcher.Result r = rshell("--no-tls", servers.get(0).target("alice"), "echo", "hi");
        assertEquals(new Launcher.Result(0, "hi\n", ""), r);
    }
}
