package dev.rshell.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The known_hosts file format, in memory and on a temporary directory. */
class KnownHostsTest {

    private static final String A = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
    private static final String B = "SHA256:ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0";

    @TempDir
    Path dir;

    @Test
    void keysBracketIpv6AndIgnoreCase() {
        assertEquals("[::1]:7022", KnownHosts.key("::1", 7022));
        assertEquals("lab-01:7022", KnownHosts.key("LAB-01", 7022));
        assertEquals("[::1]:7022 " + A, KnownHosts.line("::1", 7022, A));
    }

    @Test
    void lookupCountsEveryLineAndSkipsComments() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "# comment\n\n"
                + "lab-01:7022 " + A + " a note\n"
                + "  Lab-02:7022   " + B + "\n"
                + "[::1]:7022 " + A + "\n");
        KnownHosts k = KnownHosts.read(file);
        assertEquals(new KnownHosts.Lookup.Match(3), k.lookup("lab-01", 7022, A));
        assertEquals(new KnownHosts.Lookup.Match(4), k.lookup("lab-02", 7022, B));
        assertEquals(new KnownHosts.Lookup.Mismatch(3, A), k.lookup("lab-01", 7022, B));
        assertEquals(new KnownHosts.Lookup.Match(5), k.lookup("::1", 7022, A));
        assertEquals(new KnownHosts.Lookup.Unknown(), k.lookup("lab-01", 7023, A));
        assertEquals(new KnownHosts.Lookup.Unknown(), KnownHosts.read(dir.resolve("missing")).lookup("x", 1, A));
    }

    @Test
    void anyMatchingLineTrustsAndAMalformedOneNeverMatches() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"),
                "lab-01:7022 SHA256:garbage\nlab-01:7022 " + B + "\n");
        KnownHosts k = KnownHosts.read(file);
        assertEquals(new KnownHosts.Lookup.Match(2), k.lookup("lab-01", 7022, B));
        assertEquals(new KnownHosts.Lookup.Mismatch(1, "SHA256:garbage"), k.lookup("lab-01", 7022, A));
    }

    @Test
    void appendAddsALineAfterAMissingNewlineAndNeverTwice() throws Exception {
        Path file = Files.writeString(dir.resolve("known_hosts"), "lab-01:7022 " + A);
        assertEquals(new KnownHosts.Lookup.Unknown(), KnownHosts.append(file, "lab-02", 7022, B));
        assertEquals(new KnownHosts.Lookup.Match(2), KnownHosts.append(file, "lab-02", 7022, B));
        assertEquals(new KnownHosts.Lookup.Mismatch(1, A), KnownHosts.append(file, "lab-01", 7022, B));
        assertEquals("lab-01:7022 " + A + "\nlab-02:7022 " + B + "\n", Files.readString(file));
    }

    @Test
    @Timeout(20)
    void concurrentAppendsLoseNothing() throws Exception {
        Path file = dir.resolve("sub").resolve("known_hosts");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<KnownHosts.Lookup>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int port = 1000 + i % 20; // every server twice
                results.add(pool.submit(() -> KnownHosts.append(file, "h", port, A)));
            }
            for (Future<KnownHosts.Lookup> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(20, lines.size(), lines.toString());
        assertEquals(20, lines.stream().distinct().count());
    }
}
