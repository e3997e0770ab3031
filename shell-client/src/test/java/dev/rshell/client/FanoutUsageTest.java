package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.fanout.HostFolding;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line of many hosts, in process: which lines are a fan-out, every usage error as
 * one line with status 2, and the summary and status when no host can be reached.
 */
class FanoutUsageTest {

    @TempDir
    Path dir;

    private void assertUsage(String expectedLine, String... args) {
        ClientRun.Result r = client().home(dir).run(args);
        assertEquals(new ClientRun.Result(2, "", "rshell: " + expectedLine + " (try rshell --help)\n"), r);
    }

    @Test
    void aHostSetIsTellingApartFromOneHost() {
        for (String set : List.of("a,b", "web[01-20]", "10.0.0.[1-9]", "@lab", "alice@@lab", "alice@web[1-2]:7022",
                "[1-3]x", "a,[::1]:7022", "alice@web[1-2]")) {
            assertTrue(FanoutOptions.isHostSet(set), set);
        }
        for (String one : List.of("host", "alice@db1:7022", "[::1]", "alice@[::1]:7022", "::1", "a.b.c", "[::1:22",
                "alice@[::1")) {
            assertFalse(FanoutOptions.isHostSet(one), one);
        }
        assertFalse(FanoutOptions.isHostSet(null));
    }

    @Test
    @Timeout(10)
    void aBadRangeIsOneLine() {
        ClientRun.Result r = client().run("alice@web[3-1]", "uptime");
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("rshell: bad range \"[3-1]\" in \"web[3-1]\""), r.err());
    }

    @Test
    @Timeout(10)
    void badOptionValuesAndCombinations() {
        assertUsage("bad --fanout \"0\": must be 1 to 1024", "--fanout", "0", "a,b", "uptime");
        assertUsage("bad --fanout \"2000\": must be 1 to 1024", "--fanout", "2000", "a,b", "uptime");
        assertUsage("--json can't be combined with -b", "--json", "-b", "a,b", "uptime");
        assertUsage("--no-prefix is for streamed lines; it can't be combined with --diff", "--no-prefix", "--diff",
                "a,b", "uptime");
        assertUsage("--keepalive is for one host; it can't be used with many", "--keepalive", "5", "a,b", "uptime");
        assertUsage("bad --command-timeout \"-1\": must be seconds, more than 0 and at most 86400",
                "--command-timeout=-1", "a,b", "uptime");
        assertUsage("bad --gather-limit \"0\": must be bytes (K, M, G allowed), at least 1 and at most 1G",
                "-b", "--gather-limit", "0", "a,b", "uptime");
        assertUsage("can't read --hosts-file " + dir.resolve("none") + ": no such file",
                "--hosts-file", dir.resolve("none").toString(), "uptime");
        assertUsage("no hosts left after -x", "-x", "a,b", "a,b", "uptime");
    }

    @Test
    @Timeout(10)
    void anUnknownGroupNamesTheGroupsFile() throws Exception {
        Path groups = dir.resolve(".rshell/groups");
        Files.createDirectories(groups.getParent());
        Files.writeString(groups, "lab: a b\n");
        ClientRun.Result r = client().home(dir).run("alice@@nosuch", "uptime");
        assertEquals(2, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("unknown group @nosuch"), r.err());
    }

    /** {@code @NAME} as the target was "empty user name" for one host; now it names a group. */
    @Test
    @Timeout(10)
    void aGroupAsTheTargetWithoutAGroupsFileSaysSo() {
        assertUsage("unknown group @lab-01: no groups file " + dir.resolve(".rshell/groups"), "@lab-01", "uptime");
    }

    @Test
    @Timeout(10)
    void manyHostsOnATerminalNeedACommand() {
        ClientRun.Result r = client().terminal().run("a,b");
        assertEquals(new ClientRun.Result(2, "", "rshell: many hosts need a command: words after the hosts, -c or -f"
                + " (there is no interactive shell for many hosts yet) (try rshell --help)\n"), r);
    }

    @Test
    @Timeout(60)
    void closedPortsAreUnreachableInTheSummaryWithStatus255() throws Exception {
        int p1 = closedPort();
        int p2 = closedPort();
        ClientRun.Result r = client().run("-u", "alice", "127.0.0.1:" + p1 + ",127.0.0.1:" + p2, "uptime");
        assertEquals(255, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("unreachable 2 " + HostFolding.fold(List.of("127.0.0.1:" + p1, "127.0.0.1:" + p2))
                + " (connection refused)\n", r.err());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
