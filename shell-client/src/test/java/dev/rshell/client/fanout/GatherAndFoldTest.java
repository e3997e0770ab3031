package dev.rshell.client.fanout;

import static dev.rshell.client.fanout.Hosts.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Gathering per host, grouping identical output, and printing groups folded or as diffs. */
class GatherAndFoldTest {

    private static void run(Gatherer g, String label, HostOutcome outcome, String... lines) {
        Host h = host(label);
        g.loggedIn(h);
        for (String line : lines) {
            if (line.startsWith("E:")) {
                g.line(h, HostStream.STDERR, line.substring(2));
            } else {
                g.line(h, HostStream.STDOUT, line);
            }
        }
        g.ended(new HostResult(h, outcome, 1));
    }

    private static Gatherer sample() {
        Gatherer g = new Gatherer(Gatherer.DEFAULT_LIMIT);
        for (String h : List.of("web03", "web01", "web02", "web05", "web07")) {
            run(g, h, new HostOutcome.Ok(), "up 3 days", "load 0.1");
        }
        run(g, "web04", new HostOutcome.Ok(), "up 1 day", "load 0.1");
        run(g, "web06", new HostOutcome.Failed(3), "up 3 days", "load 0.1");
        run(g, "web08", new HostOutcome.Failed(3), "up 3 days", "load 0.1");
        run(g, "web09", new HostOutcome.Failed(1), "E:no such file");
        run(g, "web10", new HostOutcome.Failed(1));
        // never logged in: no group
        g.ended(new HostResult(host("web11"), new HostOutcome.Unreachable("connection refused"), 1));
        return g;
    }

    @Test
    void identicalOutputAndStatusFormOneGroupLargestFirst() {
        List<OutputGroup> groups = sample().groups();
        assertEquals(List.of("web[01-03,05,07]", "web[06,08]", "web04", "web09", "web10"),
                groups.stream().map(OutputGroup::folded).toList());
        assertEquals(List.of("", "status 3", "", "status 1", "status 1"), groups.stream().map(OutputGroup::note).toList());
        assertEquals(List.of(new GatheredLine(HostStream.STDERR, "no such file")), groups.get(3).lines());
    }

    @Test
    void foldedPrinting() {
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        Gatherer g = sample();
        FoldedPrinter.gathered(g.groups(), g.limit(), out.stream, err.stream);
        assertEquals("""
                ---------------
                web[01-03,05,07] (5)
                ---------------
                up 3 days
                load 0.1
                ---------------
                web[06,08] (2) status 3
                ---------------
                up 3 days
                load 0.1
                ---------------
                web04 (1)
                ---------------
                up 1 day
                load 0.1
                ---------------
                web09 (1) status 1
                ---------------
                ---------------
                web10 (1) status 1
                ---------------
                """, out.text());
        assertEquals("no such file\n", err.text());
    }

    @Test
    void diffAgainstTheLargestGroupCountingEmptyOutput() {
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        Gatherer g = sample();
        FoldedPrinter.diff(g.groups(), g.limit(), out.stream, err.stream);
        assertEquals("""
                ---------------
                web[01-03,05,07] (5)
                ---------------
                up 3 days
                load 0.1
                --- web[01-03,05,07] (5)
                +++ web[06,08] (2) status 3
                --- web[01-03,05,07] (5)
                +++ web04 (1)
                @@ -1,2 +1,2 @@
                -up 3 days
                +up 1 day
                 load 0.1
                --- web[01-03,05,07] (5)
                +++ web09 (1) status 1
                @@ -1,2 +1 @@
                -up 3 days
                -load 0.1
                +[stderr] no such file
                --- web[01-03,05,07] (5)
                +++ web10 (1) status 1
                @@ -1,2 +0,0 @@
                -up 3 days
                -load 0.1
                """, out.text());
        assertEquals("", err.text());
    }

    @Test
    void theGatherLimitCutsOneHostAndSaysSo() {
        Gatherer g = new Gatherer(11); // "12345\n6789\n" fits exactly
        run(g, "a", new HostOutcome.Ok(), "12345", "6789", "more", "and more");
        run(g, "b", new HostOutcome.Ok(), "12345", "6789");
        assertTrue(g.wasCut(host("a")));
        assertFalse(g.wasCut(host("b")));
        List<OutputGroup> groups = g.groups();
        assertEquals(2, groups.size(), "a cut output is not the same as a whole one");
        OutputGroup a = groups.get(0);
        assertEquals("a", a.folded());
        assertTrue(a.cut());
        assertEquals(List.of(new GatheredLine(HostStream.STDOUT, "12345"), new GatheredLine(HostStream.STDOUT, "6789")),
                a.lines());
        Hosts.Capture out = new Hosts.Capture();
        Hosts.Capture err = new Hosts.Capture();
        FoldedPrinter.gathered(groups, g.limit(), out.stream, err.stream);
        assertEquals("rshell: output cut at 11 bytes a host (--gather-limit)\n", err.text());
    }

    @Test
    void utf8LengthCountsBytes() {
        assertEquals(1, Gatherer.utf8Length("a"));
        assertEquals(2, Gatherer.utf8Length("é"));
        assertEquals(3, Gatherer.utf8Length("€"));
        assertEquals(4, Gatherer.utf8Length("😀"));
        assertEquals(3, Gatherer.utf8Length("\ud800"));
    }
}
