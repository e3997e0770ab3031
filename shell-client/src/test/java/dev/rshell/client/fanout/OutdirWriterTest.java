package dev.rshell.client.fanout;

import static dev.rshell.client.fanout.Hosts.host;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --outdir: HOST.out and HOST.err per host, as the lines come. */
class OutdirWriterTest {

    @TempDir
    Path dir;

    @Test
    void eachHostGetsItsPairOfFiles() throws Exception {
        Path out = dir.resolve("out/sub");
        OutdirWriter w = new OutdirWriter(out);
        Host web1 = host("web1");
        Host web2 = host("web2");
        w.loggedIn(web1);
        w.loggedIn(web2);
        w.line(web1, HostStream.STDOUT, "hi");
        w.line(web1, HostStream.STDERR, "oops");
        w.line(web1, HostStream.STDOUT, "é");
        w.idle(web1);
        // written as they come: readable before the host ends
        assertEquals("hi\né\n", Files.readString(out.resolve("web1.out")));
        w.ended(new HostResult(web1, new HostOutcome.Ok(), 1));
        w.ended(new HostResult(web2, new HostOutcome.Ok(), 1));
        assertEquals("oops\n", Files.readString(out.resolve("web1.err")));
        assertEquals("", Files.readString(out.resolve("web2.out")));
        assertEquals("", Files.readString(out.resolve("web2.err")));
        // never logged in: no files
        w.ended(new HostResult(host("web3"), new HostOutcome.Unreachable("x"), 1));
        assertFalse(Files.exists(out.resolve("web3.out")));
        assertNull(w.problem());
    }

    @Test
    void aFileThatCantBeWrittenIsReportedNotFatal() throws Exception {
        OutdirWriter w = new OutdirWriter(dir);
        Files.createDirectory(dir.resolve("web1.out")); // a directory where the file should be
        w.loggedIn(host("web1"));
        w.line(host("web1"), HostStream.STDOUT, "lost");
        w.ended(new HostResult(host("web1"), new HostOutcome.Ok(), 1));
        w.loggedIn(host("web2"));
        w.line(host("web2"), HostStream.STDOUT, "kept");
        w.ended(new HostResult(host("web2"), new HostOutcome.Ok(), 1));
        assertTrue(w.problem().startsWith("can't write " + dir.resolve("web1.out")), w.problem());
        assertEquals("kept\n", Files.readString(dir.resolve("web2.out")));
    }
}
