package dev.rshell.config.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rshell.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsersFileTest {

    private static final Path F = Path.of("/data/users");
    private static final String PHC =
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final Set<Role> BUILT_IN = Set.copyOf(Role.BUILT_IN);

    private static Map<String, UserAccount> parse(String text) {
        return UsersFile.parse(F, text.getBytes(StandardCharsets.UTF_8), BUILT_IN);
    }

    @Test
    void formatThenParseRoundTrips() {
        List<UserAccount> users = List.of(
                UserAccount.withPassword("bob", Role.VIEWER, Path.of("/home/bob"), PHC),
                new UserAccount("alice", Role.ADMIN, Path.of("/home/a\tb\\c\nd\re"), Optional.empty(),
                        List.of("SHA256:ab:cd", "SHA256:ef")));
        byte[] bytes = UsersFile.format(users);
        Map<String, UserAccount> back = UsersFile.parse(F, bytes, BUILT_IN);
        assertEquals(List.of("alice", "bob"), List.copyOf(back.keySet()));
        assertEquals(users.get(1), back.get("alice"));
        assertEquals(users.get(0), back.get("bob"));
    }

    @Test
    void exactLineFormat() {
        String text = new String(UsersFile.format(List.of(
                UserAccount.withPassword("bob", Role.OPERATOR, Path.of("/home/b\to"), PHC))),
                StandardCharsets.UTF_8);
        assertEquals(UsersFile.HEADER + "bob\toperator\t/home/b\\to\t" + PHC + "\t\n", text);
    }

    @Test
    void fourFieldsCommentsBlankLinesAndCrlfAreFine() {
        Map<String, UserAccount> u = parse("# c\n\n   \ncarol\tviewer\t/home/carol\t" + PHC + "\r\n"
                + "dave\toperator\t/d\t\t\n");
        assertEquals(Optional.of(PHC), u.get("carol").passwordHash());
        assertEquals(Optional.empty(), u.get("dave").passwordHash());
        assertEquals(List.of(), u.get("dave").certificateFingerprints());
    }

    @Test
    void everyMalformedLineIsReportedWithItsNumber() {
        String text = "# users\n"
                + "ok\tadmin\t/home/ok\t" + PHC + "\n"
                + "only two\tfields\n"
                + "Bad\tadmin\t/x\t\n"
                + "eve\troot\t/x\t\n"
                + "frank\tviewer\trelative\t\n"
                + "gina\tviewer\t/a\\qb\t\n"
                + "hank\tviewer\t/h\tnot-a-hash\n"
                + "ok\tviewer\t/again\t\n";
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(List.of(
                "file /data/users:3: expected 4 or 5 fields separated by tabs (name, role, home, password hash,"
                        + " certificate fingerprints), found 2",
                "file /data/users:4: user name \"Bad\" is not allowed: 1 to 32 characters from a-z, 0-9, _, . and -,"
                        + " starting with a letter or _",
                "file /data/users:5: role \"root\" is not one of admin, operator, viewer",
                "file /data/users:6: home \"relative\" is not an absolute path",
                "file /data/users:7: home \"/a\\\\qb\" has a backslash that is not one of \\\\, \\t, \\n or \\r",
                "file /data/users:8: password hash of hank is not an Argon2id PHC string"
                        + " ($argon2id$v=19$m=…,t=…,p=…$SALT$HASH); leave the field empty for none",
                "file /data/users:9: user ok is defined again (first at line 2)"), e.problems());
    }

    @Test
    void invalidUtf8IsReportedWithLine() {
        byte[] bytes = "a\tadmin\t/a\t\nb\tadmin\t/\u00ff\t\n".getBytes(StandardCharsets.ISO_8859_1);
        ConfigException e = assertThrows(ConfigException.class, () -> UsersFile.parse(F, bytes, BUILT_IN));
        assertEquals(List.of("file /data/users:2: not valid UTF-8 text"), e.problems());
    }

    @Test
    void configuredRolesAreHonoured() {
        Set<Role> roles = Set.of(Role.ADMIN, Role.of("auditor"));
        Map<String, UserAccount> u = UsersFile.parse(F,
                "x\tauditor\t/x\t\n".getBytes(StandardCharsets.UTF_8), roles);
        assertEquals(Role.of("auditor"), u.get("x").role());
    }

    @Test
    void unescapeRefusesUnknownAndDanglingEscapes() {
        assertEquals(Optional.of("a\\b\tc"), UsersFile.unescape("a\\\\b\\tc"));
        assertEquals(Optional.empty(), UsersFile.unescape("a\\"));
        assertEquals(Optional.empty(), UsersFile.unescape("a\\x"));
    }
}
