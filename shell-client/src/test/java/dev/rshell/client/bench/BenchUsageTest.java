package dev.rshell.client.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Usage errors are status 2 with exactly one line, before anything connects; help is status 0. */
class BenchUsageTest {

    @TempDir
    Path home;

    private void assertUsage(String expectedLine, String... args) {
        BenchHarness.Result r = new BenchHarness(home).run(args);
        assertEquals(new BenchHarness.Result(2, "", "rshell bench: " + expectedLine + " (try rshell bench --help)\n"),
                r);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bad --pipeline 0: must be 1 to 4096                         | --pipeline, 0",
        "bad --pipeline 5000: must be 1 to 4096                      | --pipeline, 5000",
        "bad --clients 0: must be 1 to 10000                         | --clients, 0",
        "bad --requests 0: must be at least 1                        | --requests, 0",
        "--requests and --duration can't be combined                 | --requests, 5, --duration, 1",
        "bad --duration \"0\": must be seconds, more than 0 and at most 86400 | --duration, 0",
        "bad --duration \"soon\": must be seconds, more than 0 and at most 86400 | --duration, soon",
        "bad --timeout \"-1\": must be seconds, more than 0 and at most 86400 | --timeout, -1",
        "bad --warmup -1: must be 0 or more                          | --warmup, -1",
        "bad --sessions -1: must be 0 to 100000                      | --sessions, -1",
        "bad --command \":quit\": a line starting with ':' is a control line, not a command | --command, :quit",
        "bad --command \"sleep 1 &\": a background command (trailing &) can't be measured | --command, sleep 1 &",
        "bad --command \"  \": has no words, so the server would not run it | --command, '  '",
        "--fingerprint needs TLS; it can't be combined with --no-tls | --no-tls, --fingerprint, SHA256:x",
        "--accept-new is for known_hosts; it can't be combined with --fingerprint | --accept-new, --fingerprint, "
            + "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    })
    @Timeout(10)
    void badOptionValues(String expected, String args) {
        String[] given = args.split(", ");
        String[] all = new String[given.length + 1];
        for (int i = 0; i < given.length; i++) {
            all[i] = given[i].equals("'  '") ? "  " : given[i];
        }
        all[given.length] = "127.0.0.1:1";
        assertUsage(expected, all);
    }

    @Test
    @Timeout(10)
    void aCommandOfTwoLines() {
        assertUsage("bad --command: must be one line", "--command", "echo a\necho b", "127.0.0.1:1");
    }

    @Test
    @Timeout(10)
    void noHost() {
        assertUsage("missing required parameter: '[USER@]HOST[:PORT]'");
    }

    @Test
    @Timeout(10)
    void userAndPortTwice() {
        assertUsage("user given twice: \"a\"@ before the host and -u \"b\"", "-u", "b", "a@127.0.0.1");
        assertUsage("port given twice: :1 after the host and -p \"2\"", "-p", "2", "127.0.0.1:1");
        assertUsage("bad port \"0\" in \"127.0.0.1:0\": must be 1 to 65535", "127.0.0.1:0");
    }

    @Test
    @Timeout(10)
    void picocliErrorsAreOneLineToo() {
        assertUsage("unknown option: '--bogus'", "--bogus", "127.0.0.1:1");
        assertUsage("invalid value for option '--clients': 'many' is not an int", "--clients", "many", "127.0.0.1:1");
        assertUsage("unmatched argument at index 2: 'extra'", "127.0.0.1:1", "extra");
    }

    @Test
    @Timeout(10)
    void help() {
        BenchHarness.Result r = new BenchHarness(home).run("--help");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Measures an rshell server"), r.out());
        assertTrue(r.out().contains("Usage: rshell bench [OPTIONS] [USER@]HOST[:PORT]"), r.out());
        assertTrue(r.out().contains("--baseline"), r.out());
        assertEquals("", r.err());
    }
}
