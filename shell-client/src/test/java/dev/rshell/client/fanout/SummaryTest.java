package dev.rshell.client.fanout;

import static dev.rshell.client.fanout.Hosts.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary on stderr. */
class SummaryTest {

    @Test
    void countsAndFoldedHostsPerOutcome() {
        List<HostResult> results = new ArrayList<>();
        for (int i = 18; i >= 1; i--) {
            results.add(result(String.format("web%02d", i), new HostOutcome.Ok()));
        }
        results.add(result("web19", new HostOutcome.Failed(3)));
        results.add(result("web20", new HostOutcome.Unreachable("can't connect to web20:7022: Connection refused")));
        results.add(result("web21", new HostOutcome.Unreachable("can't connect to web21:7022: Connection refused")));
        results.add(result("web22", new HostOutcome.Unreachable("no hello from web22:7022 within 10s (--connect-timeout)")));
        results.add(result("db1", new HostOutcome.Failed(1)));
        results.add(result("db2", new HostOutcome.Failed(3)));
        results.add(result("db3", new HostOutcome.TimedOut("ran past --command-timeout 5s")));
        results.add(result("db4", new HostOutcome.Interrupted(130, null)));
        results.add(result("db5", new HostOutcome.Interrupted(130, "before it connected")));
        results.add(result("db6", new HostOutcome.LoginRefused("login failed for alice: wrong password")));
        results.add(result("db7", new HostOutcome.NotTrusted("server db7:7022 not trusted: unknown server")));
        results.add(result("db8", new HostOutcome.ProtocolError("db8:7022 speaks plain TCP, not TLS: use --no-tls")));
        assertEquals(List.of(
                "ok 18 web[01-18]",
                "failed 1 db1 (status 1)",
                "failed 2 db2,web19 (status 3)",
                "timed out 1 db3 (ran past --command-timeout 5s)",
                "interrupted 1 db4",
                "interrupted 1 db5 (before it connected)",
                "unreachable 2 web[20-21] (connection refused)",
                "unreachable 1 web22 (no hello within 10s (--connect-timeout))",
                "login refused 1 db6 (login failed for alice: wrong password)",
                "not trusted 1 db7 (server not trusted: unknown server)",
                "protocol error 1 db8 (the server speaks plain TCP, not TLS: use --no-tls)"), Summary.lines(results));
    }

    @Test
    void shortenedReasons() {
        Host h = Hosts.host("web1");
        assertEquals("connection closed during login", Summary.shorten("connection closed by web1:7022 during login", h));
        assertEquals("connection lost during login: reset",
                Summary.shorten("connection to web1:7022 lost during login: reset", h));
        assertEquals("the server refused the connection: busy",
                Summary.shorten("web1:7022 refused the connection: busy", h));
        assertEquals("TLS handshake failed: x", Summary.shorten("TLS handshake with web1:7022 failed: x", h));
    }
}
