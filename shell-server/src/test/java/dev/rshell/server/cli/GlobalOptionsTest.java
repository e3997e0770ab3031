package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options given before a subcommand ({@code rshell-server --data-dir D user add ...}) apply to
 * it, for every subcommand; the same option given at two levels with two values is an error.
 */
@Timeout(60)
class GlobalOptionsTest {

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Cli.Result add(String name, String... before) {
        String[] args = new String[before.length + 5];
        System.arraycopy(before, 0, args, 0, before.length);
        System.arraycopy(new String[] {"user", "add", name, "--password-stdin", "--home=" + dir}, 0, args,
                before.length, 5);
        return Cli.run("long enough password\n", args);
    }

    @Test
    void dataDirBeforeEveryUserSubcommandIsUsed() throws Exception {
        String d = data().toString();
        Cli.Result added = add("alice", "--data-dir", d);
        assertEquals(0, added.status(), added.toString());
        assertTrue(Files.readString(data().resolve("users")).contains("alice"));

        Cli.Result list = Cli.run("", "--data-dir", d, "user", "list");
        assertEquals(0, list.status(), list.toString());
        assertTrue(list.out().startsWith("alice\toperator\t"), list.out());

        String before = Files.readString(data().resolve("users"));
        Cli.Result passwd = Cli.run("another long password\n", "--data-dir", d, "user", "passwd", "alice",
                "--password-stdin");
        assertEquals(0, passwd.status(), passwd.toString());
        assertFalse(before.equals(Files.readString(data().resolve("users"))), "the hash changed");

        String fingerprint = "SHA256:" + "A".repeat(43);
        Cli.Result cert = Cli.run("", "--data-dir", d, "user", "cert", "alice", fingerprint);
        assertEquals(0, cert.status(), cert.toString());
        assertTrue(Files.readString(data().resolve("users")).contains(fingerprint));

        Cli.Result del = Cli.run("", "--data-dir", d, "user", "del", "alice");
        assertEquals(0, del.status(), del.toString());
        assertFalse(Files.readString(data().resolve("users")).contains("alice"));
    }

    @Test
    void dataDirBeforeFingerprintIsUsed() throws Exception {
        Files.createDirectories(data());
        ServerIdentity identity = ServerIdentity.loadOrCreate(data(), "localhost", "127.0.0.1");
        Cli.Result r = Cli.run("", "--data-dir", data().toString(), "fingerprint");
        assertEquals(0, r.status(), r.toString());
        assertEquals(identity.fingerprint() + "\n", r.out());
    }

    @Test
    void configBeforeASubcommandIsUsed() throws Exception {
        Path config = Files.writeString(dir.resolve("server.properties"), "data-dir = " + data() + "\n");
        Cli.Result added = add("alice", "--config", config.toString());
        assertEquals(0, added.status(), added.toString());
        Cli.Result list = Cli.run("", "--config", config.toString(), "user", "list");
        assertEquals(0, list.status(), list.toString());
        assertTrue(list.out().startsWith("alice\t"), list.out());
    }

    @Test
    void aSettingFlagBeforeUserAddSetsTheHashCost() throws Exception {
        Cli.Result added = add("alice", "--data-dir", data().toString(), "--argon2-iterations", "3");
        assertEquals(0, added.status(), added.toString());
        assertTrue(Files.readString(data().resolve("users")).contains(",t=3,"),
                Files.readString(data().resolve("users")));
    }

    @Test
    void theSameOptionWithTwoValuesAtTwoLevelsIsAnError() {
        Cli.Result r = Cli.run("", "--data-dir", data().toString(), "user", "list",
                "--data-dir", dir.resolve("other").toString());
        assertEquals(2, r.status(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("rshell-server: --data-dir is given twice with different values: "),
                r.err());
        assertFalse(Files.exists(data()));
        assertFalse(Files.exists(dir.resolve("other")));
    }

    @Test
    void theSameOptionWithOneValueAtTwoLevelsIsFine() {
        Cli.Result r = add("alice", "--data-dir", data().toString());
        assertEquals(0, r.status(), r.toString());
        r = Cli.run("", "--data-dir", data().toString(), "user", "list", "--data-dir", data().toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().startsWith("alice\t"), r.out());
    }
}
