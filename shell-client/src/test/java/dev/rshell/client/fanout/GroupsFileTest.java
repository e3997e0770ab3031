package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The groups file's syntax. */
class GroupsFileTest {

    @TempDir
    Path dir;

    @Test
    void readsGroupsCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("groups"),
                "# comment\n\nweb: web[01-20], web30  # trailing\r\ndb:db1 db2\nempty:\n");
        GroupsFile g = GroupsFile.read(file);
        assertEquals(List.of("web", "db", "empty"), g.names());
        assertEquals(new GroupsFile.Group("web", 3, List.of("web[01-20]", "web30")), g.group("web").orElseThrow());
        assertEquals(List.of("db1", "db2"), g.group("db").orElseThrow().members());
        assertEquals(List.of(), g.group("empty").orElseThrow().members());
    }

    @Test
    void commasInsideBracketsStayInTheRange() {
        assertEquals(List.of("db[1-3,7]", "x"), GroupsFile.members(" db[1-3,7] ,x "));
    }

    @Test
    void aMissingFileHasNoGroups() {
        GroupsFile g = GroupsFile.read(dir.resolve("nope"));
        assertFalse(g.exists());
        assertEquals(List.of(), g.names());
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        Path f = dir.resolve("groups");
        assertEquals(f + ":2: expected GROUP: MEMBERS, got \"web1 web2\"",
                assertThrows(HostSetException.class, () -> GroupsFile.parse(f, "a: x\nweb1 web2\n")).getMessage());
        assertEquals(f + ":1: bad group name \"w b\" (letters, digits, _ . -)",
                assertThrows(HostSetException.class, () -> GroupsFile.parse(f, "w b: x\n")).getMessage());
        assertEquals(f + ":1: bad group name \"\" (letters, digits, _ . -)",
                assertThrows(HostSetException.class, () -> GroupsFile.parse(f, ": x\n")).getMessage());
        assertEquals(f + ":3: group web defined again (first on line 1)",
                assertThrows(HostSetException.class, () -> GroupsFile.parse(f, "web: a\ndb: b\nweb: c\n")).getMessage());
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path d = Files.createDirectory(dir.resolve("groups"));
        HostSetException e = assertThrows(HostSetException.class, () -> GroupsFile.read(d));
        assertEquals(true, e.getMessage().startsWith("can't read the groups file " + d + ": "), e.getMessage());
    }
}
