package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rshell-server user add} and {@code user passwd}: what they accept and how they refuse. */
@Timeout(60)
class UserAddTest {

    @TempDir
    Path dir;

    private Path data() {
        return dir.resolve("data");
    }

    private Cli.Result add(String password, String... args) {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"user", "add", "--data-dir", data().toString(), "--password-stdin"}, 0, all,
                0, 5);
        System.arraycopy(args, 0, all, 5, args.length);
        all[all.length - 1] = "--home=" + dir;
        return Cli.run(password + "\n", all);
    }

    private static void assertOneLine(Cli.Result r, String line) {
        assertEquals(2, r.status(), r.toString());
        assertEquals("rshell-server: " + line + "\n", r.err());
        assertEquals("", r.out());
    }

    private boolean hasUser(String name) throws Exception {
        Path users = data().resolve("users");
        return Files.exists(users) && Files.readString(users).lines().anyMatch(l -> l.startsWith(name + "\t"));
    }

    @Test
    void aShortPasswordIsRefusedByAddAndPasswdAlike() throws Exception {
        assertOneLine(add("x", "alice"),
                "the password must have at least 8 characters (password-min-length); nothing was changed");
        assertFalse(hasUser("alice"));
        assertEquals(0, add("eight ch", "alice").status());
        assertOneLine(Cli.run("1234567\n", "user", "passwd", "alice", "--data-dir", data().toString(),
                "--password-stdin"),
                "the password must have at least 8 characters (password-min-length); nothing was changed");
    }

    @Test
    void theMinimumLengthIsASetting() throws Exception {
        Cli.Result r = Cli.run("four\n", "--password-min-length", "4", "user", "add", "bob", "--data-dir",
                data().toString(), "--password-stdin", "--home", dir.toString());
        assertEquals(0, r.status(), r.toString());
        assertTrue(hasUser("bob"));
        r = Cli.run("abc\n", "--password-min-length", "4", "user", "passwd", "bob", "--data-dir",
                data().toString(), "--password-stdin");
        assertEquals(2, r.status(), r.toString());
        assertTrue(r.err().contains("at least 4 characters"), r.err());
    }

    @Test
    void aBadNameIsOneLineAndStatus2() throws Exception {
        assertOneLine(add("long enough", "bad name"), "NAME: \"bad name\" is not allowed: "
                + dev.rshell.config.user.UserAccount.NAME_RULE);
    }

    @Test
    void aRelativeHomeIsRefused() throws Exception {
        Cli.Result r = Cli.run("long enough\n", "user", "add", "alice", "--data-dir", data().toString(),
                "--password-stdin", "--home", "relative/dir");
        assertOneLine(r, "--home: \"relative/dir\" is not allowed: an absolute path, such as /home/alice");
        assertFalse(Files.exists(data()), "nothing is created");
    }

    @Test
    void aRoleOfTheConfigFileIsARoleForUserAdd() throws Exception {
        Path config = Files.writeString(dir.resolve("roles.properties"), "role.fuzz.builtins = help,exit\n");
        Cli.Result r = add("long enough", "carol", "--role", "fuzz", "--config", config.toString());
        assertEquals(0, r.status(), r.toString());
        assertEquals("added user carol (fuzz)\n", r.out());
        Cli.Result list = Cli.run("", "user", "list", "--data-dir", data().toString(), "--config",
                config.toString());
        assertTrue(list.out().startsWith("carol\tfuzz\t"), list.toString());
    }

    @Test
    void anUnknownRoleNamesTheRolesThereAre() throws Exception {
        assertOneLine(add("long enough", "carol", "--role", "fuzz"),
                "--role: \"fuzz\" is not a role: admin, operator or viewer");
        Path config = Files.writeString(dir.resolve("roles.properties"), "role.auditor.read = /var/log\n");
        assertOneLine(add("long enough", "carol", "--role", "Nope", "--config", config.toString()),
                "--role: \"Nope\" is not a role: admin, auditor, operator or viewer");
    }
}
