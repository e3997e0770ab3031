package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Without --data-dir, the user commands and fingerprint use $XDG_DATA_HOME, then $HOME. */
@Timeout(60)
class DefaultDataDirTest {

    @TempDir
    Path dir;

    @Test
    void userAddWritesBelowXdgDataHome() throws Exception {
        Map<String, String> env = Cli.env();
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_DATA_HOME", dir.resolve("xdg").toString());
        Cli.Result r = Cli.run(env, "long enough\n", "user", "add", "alice", "--password-stdin");
        assertEquals(0, r.status(), r.toString());
        assertTrue(Files.readString(dir.resolve("xdg/rshell-server/users")).contains("alice\t"));
        Cli.Result list = Cli.run(env, "", "user", "list");
        assertEquals("alice\toperator\t" + dir.resolve("home") + "\n", list.out(), "the default home is $HOME");
    }

    @Test
    void userAddWritesBelowHomeWithoutXdgDataHome() throws Exception {
        Map<String, String> env = Cli.env();
        env.put("HOME", dir.toString());
        Cli.Result r = Cli.run(env, "long enough\n", "user", "add", "alice", "--password-stdin");
        assertEquals(0, r.status(), r.toString());
        assertTrue(Files.readString(dir.resolve(".local/share/rshell-server/users")).contains("alice\t"));
    }

    @Test
    void fingerprintWithoutACertificateNamesWhereItLooked() {
        Map<String, String> env = Cli.env();
        env.put("HOME", dir.toString());
        Cli.Result r = Cli.run(env, "", "fingerprint");
        assertEquals(1, r.status(), r.toString());
        assertEquals("rshell-server: no certificate in " + dir.resolve(".local/share/rshell-server/server.p12")
                + " yet: the server makes one at its first start with TLS (--data-dir names another data"
                + " directory)\n", r.err());
    }
}
