package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * OS commands run without a terminal: they are told so ({@code TERM=dumb}), and one that
 * waits for a terminal that never comes is still ended by an interrupt.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NoTerminalTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void termIsDumbUnlessTheUserExportedOne() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sh -c 'echo \"TERM=$TERM\"'");
            c.expect("out 1 TERM=dumb");
            c.expect("end 1 0");
            c.send("export TERM=vt100");
            c.expect("end 2 0");
            c.send("sh -c 'echo \"TERM=$TERM\"'");
            c.expect("out 3 TERM=vt100");
            c.expect("end 3 0");
        }
    }

    @Test
    void anInterruptEndsAFullScreenEditorWaitingForATerminal() throws Exception {
        Path vim = Path.of("/usr/bin/vim");
        assumeTrue(Files.isExecutable(vim), "vim is installed");
        try (RawClient c = server.login()) {
            // No swap file, no viminfo: nothing is left in the home directory.
            c.send(vim + " -n -i NONE");
            c.expectPrefix("err 1 Vim: Warning: Output is not to a terminal");
            c.send(":interrupt");
            List<String> lines = c.until("end 1 130");
            assertTrue(lines.contains("ok"), lines.toString());
        }
    }

    @Test
    void anInterruptEndsAProgramThatIgnoresTermWhileItWaits() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sh -c 'trap \"\" TERM INT HUP; echo waiting; exec sleep 300'");
            c.expect("out 1 waiting");
            c.send(":interrupt");
            c.expect("ok");
            c.expect("end 1 130");
            c.send("echo back");
            c.expect("out 2 back");
            c.expect("end 2 0");
        }
    }
}
