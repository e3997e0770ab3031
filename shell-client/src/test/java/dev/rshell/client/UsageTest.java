package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors are status 2 with exactly one line; help and version are status 0. */
class UsageTest {

    @TempDir
    Path dir;

    private static void assertUsage(String expectedLine, String... args) {
        ClientRun.Result r = client().run(args);
        assertEquals(new ClientRun.Result(2, "", "rshell: " + expectedLine + " (try rshell --help)\n"), r);
    }

    @Test
    @Timeout(5)
    void userBothBeforeTheHostAndWithDashU() {
        assertUsage("user given twice: \"bob\"@ before the host and -u \"carol\"", "-u", "carol", "bob@lab-01");
    }

    @Test
    @Timeout(5)
    void unknownOption() {
        assertUsage("unknown option: '--bogus'", "--bogus", "lab-01");
    }

    @Test
    @Timeout(5)
    void noHost() {
        assertUsage("missing required parameter: '[USER@]HOST[:PORT]'");
    }

    @Test
    @Timeout(5)
    void dashCWithoutItsValue() {
        assertUsage("missing CMD after -c", "-c");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad port \"99999\" in \"lab-01:99999\": must be 1 to 65535 | lab-01:99999",
        "bad port \"x\" in \"lab-01:x\": must be 1 to 65535         | lab-01:x",
        "bad port \"\" in \"lab-01:\": must be 1 to 65535           | lab-01:",
        "bad port \"0\" in \"[::1]:0\": must be 1 to 65535          | [::1]:0",
        "no host name in \"alice@:22\"                              | alice@:22",
        "missing ']' in host \"[::1:22\"                            | [::1:22",
    })
    @Timeout(5)
    void badTargets(String expected, String target) {
        assertUsage(expected.strip(), target.strip());
    }

    @Test
    @Timeout(5)
    void badPortOptionAndPortGivenTwice() {
        assertUsage("bad port \"0\" for -p: must be 1 to 65535", "-p", "0", "lab-01");
        assertUsage("port given twice: :22 after the host and -p \"23\"", "-p", "23", "lab-01:22");
    }

    @Test
    @Timeout(5)
    void badTimeoutAndWindow() {
        assertUsage("bad --connect-timeout \"0\": must be seconds, more than 0 and at most 86400",
                "--connect-timeout", "0", "lab-01");
        assertUsage("bad --window 0: must be 1 to 65536", "--window", "0", "lab-01");
        assertUsage("invalid value for option '--window': 'many' is not an int", "--window", "many", "lab-01");
    }

    @Test
    @Timeout(5)
    void wordsAndDashCTogether() {
        assertUsage("a command after the host can't be combined with -c or -f", "-c", "ls", "lab-01", "ls");
    }

    @Test
    @Timeout(5)
    void aBadUserName() {
        assertUsage("bad user name \"a b\": no blanks or control characters", "-u", "a b", "lab-01");
    }

    @Test
    @Timeout(5)
    void aMissingScriptFileIsStatus2WithoutHelpHint() {
        Path missing = dir.resolve("nope.rsh");
        ClientRun.Result r = client().run("-f", missing.toString(), "lab-01");
        assertEquals(new ClientRun.Result(2, "", "rshell: " + missing + ": can't read: no such file\n"), r);
    }

    @Test
    @Timeout(5)
    void helpDescribesEveryOption() {
        ClientRun.Result r = client().run("--help");
        assertEquals(0, r.status());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Usage: rshell [OPTIONS] [USER@]HOST[:PORT] [COMMAND WORDS...]"), r.out());
        for (String option : new String[] {"--user", "--port", "--command", "--file", "--errexit",
            "--password-file", "--connect-timeout", "--window", "--no-tls", "--help", "--version",
            "--tls12", "--accept-new", "--fingerprint", "--truststore", "--truststore-password-file",
            "--identity", "--identity-password-file", "known_hosts", "keygen",
            "--hosts", "--hosts-file", "--exclude", "--fanout", "--command-timeout", "--gather", "--diff",
            "--gather-limit", "--no-prefix", "--json", "--outdir", "Many hosts",
            "RSHELL_PASSWORD", "RSHELL_IDENTITY_PASSWORD", "RSHELL_HOME", "Exit status"}) {
            assertTrue(r.out().contains(option), option + " missing from help");
        }
        assertFalse(r.out().contains("later version"), r.out());
    }

    @Test
    @Timeout(5)
    void version() {
        assertEquals(new ClientRun.Result(0, "rshell 0.1.0\n", ""), client().run("--version"));
    }
}
