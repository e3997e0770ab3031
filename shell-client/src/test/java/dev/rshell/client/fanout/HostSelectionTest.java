package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosts of a run: sources, defaults, dedupe, exclusion and labels. */
class HostSelectionTest {

    @TempDir
    Path dir;

    private HostSelection selection(String groups) {
        return new HostSelection(() -> GroupsFile.parse(dir.resolve("groups"), groups));
    }

    private static List<String> labels(List<Host> hosts) {
        return hosts.stream().map(Host::label).toList();
    }

    @Test
    void defaultsComeFromDashUDashPAndTheLocalUser() {
        List<Host> hosts = selection("").add("web[1-2],bob@db1:7023").resolve(null, null, "dora", 7022);
        assertEquals(List.of(new Host("web1", "dora", false, "web1", 7022), new Host("web2", "dora", false, "web2", 7022),
                new Host("db1", "bob", true, "db1", 7023)), hosts);
        hosts = selection("lab: a b:9\n").add("@lab:7100").resolve("alice", 8000, "dora", 7022);
        assertEquals(List.of(new Host("a", "alice", true, "a", 7100), new Host("b", "alice", true, "b", 9)), hosts);
        hosts = selection("").add("a").resolve(null, 8000, "dora", 7022);
        assertEquals(8000, hosts.get(0).port());
    }

    @Test
    void orderAsGivenDuplicatesKeepTheirFirstPlace() {
        List<Host> hosts = selection("").add("c,a,b").add("a,d").add("c").resolve(null, null, "u", 7022);
        assertEquals(List.of("c", "a", "b", "d"), labels(hosts));
    }

    @Test
    void hostsFilesHaveOneSetALineAndComments() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "# lab\nweb[1-2]\n\n  db1   # the database\n");
        assertEquals(List.of("x", "web1", "web2", "db1"),
                labels(selection("").add("x").addFile(file).resolve(null, null, "u", 7022)));
        Path bad = Files.writeString(dir.resolve("bad"), "ok1\nweb[2-1]\n");
        HostSetException e = assertThrows(HostSetException.class, () -> selection("").addFile(bad));
        assertEquals(bad + ":2: bad range \"[2-1]\" in \"web[2-1]\": 2 is more than 1", e.getMessage());
        e = assertThrows(HostSetException.class, () -> selection("").addFile(dir.resolve("none")));
        assertEquals("can't read --hosts-file " + dir.resolve("none") + ": no such file", e.getMessage());
    }

    @Test
    void excludeRemovesByNameAndByPortWhenGiven() {
        List<Host> hosts = selection("").add("web[1-5],web6:7000,web6:7001").exclude("web[2-3]").exclude("WEB5")
                .exclude("web6:7000").resolve(null, null, "u", 7022);
        assertEquals(List.of("web1", "web4", "web6"), labels(hosts));
        assertEquals(7001, hosts.get(2).port());
        HostSetException e = assertThrows(HostSetException.class,
                () -> selection("").add("a").exclude("a").resolve(null, null, "u", 7022));
        assertEquals("no hosts left after -x", e.getMessage());
        e = assertThrows(HostSetException.class, () -> selection("").exclude("bob@a"));
        assertEquals("-x takes hosts, not users: \"bob@a\"", e.getMessage());
    }

    @Test
    void labelsAreUniqueAndShortWherePossible() {
        List<Host> hosts = selection("").add("127.0.0.1:7001,127.0.0.1:7002,web1,a@web2,b@web2")
                .resolve(null, null, "u", 7022);
        assertEquals(List.of("127.0.0.1:7001", "127.0.0.1:7002", "web1", "a@web2:7022", "b@web2:7022"), labels(hosts));
        assertEquals("127.0.0.1:[7001-7002]", HostFolding.fold(labels(hosts).subList(0, 2)));
    }

    @Test
    void missingUsersAndEmptySelectionsAreErrors() {
        assertEquals("no hosts given", assertThrows(HostSetException.class,
                () -> selection("").resolve(null, null, "u", 7022)).getMessage());
        assertEquals("no user for a: the local login name is unknown; give USER@ or -u",
                assertThrows(HostSetException.class, () -> selection("").add("a").resolve(null, null, null, 7022))
                        .getMessage());
    }
}
