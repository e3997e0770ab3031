package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static dev.rshell.client.ClientRun.tlsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.connect.StartupTimes;
import dev.rshell.common.tls.ServerIdentity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code RSHELL_TIMING}: one line on stderr, after everything else, naming the phases the run
 * went through in order. The figures themselves are not asserted (they are measurements).
 */
class TimingTest {

    private static final Pattern LINE = Pattern.compile("rshell: timing: (.*), total (\\d+) ms");
    private static final Pattern PHASE = Pattern.compile("([a-z]+) (\\d+) ms");

    private FakeServer fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
    }

    /** The phase names of the timing line that ends {@code err}; fails when there is none. */
    private static List<String> phases(String err) {
        String[] lines = err.split("\n");
        String last = lines[lines.length - 1];
        Matcher m = LINE.matcher(last);
        assertTrue(m.matches(), () -> "no timing line at the end of stderr: " + err);
        List<String> names = new ArrayList<>();
        long sum = 0;
        for (String part : m.group(1).split(", ")) {
            Matcher p = PHASE.matcher(part);
            assertTrue(p.matches(), () -> "bad phase " + part + " in " + last);
            names.add(p.group(1));
            if (!p.group(1).equals("launcher")) {
                sum += Long.parseLong(p.group(2));
            }
        }
        // Each figure is rounded on its own: the total may differ from their sum by a few ms.
        assertTrue(Math.abs(sum - Long.parseLong(m.group(2))) <= names.size(), last);
        return names;
    }

    @Test
    @Timeout(20)
    void plainRunNamesEveryPhaseButTls() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().env(StartupTimes.ENV, "1").run(fake.target(), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals("hi\n", r.out());
        assertEquals(List.of("jvm", "args", "setup", "tcp", "login", "commands", "exit"), phases(r.err()));
    }

    @Test
    @Timeout(20)
    void tlsRunNamesTheHandshakeAndTheLauncherWhenItSaidWhenItStarted() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        double launched = System.currentTimeMillis() / 1000.0 - 0.01;
        ClientRun.Result r = tlsClient().env(StartupTimes.ENV, "1")
                .env(StartupTimes.LAUNCH_ENV, String.format(java.util.Locale.ROOT, "%.6f", launched))
                .run("--fingerprint", id.fingerprint(), fake.target(), "echo", "hi");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("launcher", "jvm", "args", "setup", "context", "tcp", "tls", "login", "commands", "exit"),
                phases(r.err()));
    }

    @Test
    @Timeout(20)
    void aFailedLoginStopsTheLineAtTheLastPhaseReached() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().env(StartupTimes.ENV, "1").env("RSHELL_PASSWORD", "wrong")
                .run(fake.target(), "echo", "hi");
        assertEquals(255, r.status(), r.err());
        assertTrue(r.err().startsWith("rshell: login failed"), r.err());
        assertEquals(List.of("jvm", "args", "setup", "tcp", "exit"), phases(r.err()));
    }

    @Test
    @Timeout(20)
    void aUsageErrorStillEndsWithTheLine() {
        ClientRun.Result r = client().env(StartupTimes.ENV, "1").run("--window", "0", "h");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rshell: bad --window 0"), r.err());
        assertEquals(List.of("jvm", "args", "exit"), phases(r.err()));
    }

    @Test
    @Timeout(20)
    void offUnlessSetAndNotEmpty() throws Exception {
        fake = FakeServer.start();
        for (String value : new String[] {null, ""}) {
            assertEquals(new ClientRun.Result(0, "hi\n", ""),
                    client().env(StartupTimes.ENV, value).run(fake.target(), "echo", "hi"));
        }
    }

    @Test
    void offMakesNoLine() {
        StartupTimes off = StartupTimes.from(Map.of(), 0, 0);
        off.mark(StartupTimes.Phase.TCP);
        assertEquals("", off.line());
    }
}
