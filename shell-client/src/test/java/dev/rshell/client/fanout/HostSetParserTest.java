package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Host sets: members, users and ports, groups and their errors. */
class HostSetParserTest {

    private static final Path FILE = Path.of("/home/alice/.rshell/groups");

    private static HostSetParser parser(String groups) {
        return new HostSetParser(() -> GroupsFile.parse(FILE, groups));
    }

    private static HostEntry e(String user, String host, Integer port) {
        return new HostEntry(user, host, port);
    }

    @Test
    void commaListsAndRanges() {
        assertEquals(List.of(e(null, "a", null), e(null, "web1", null), e(null, "web2", null), e(null, "b", 7022)),
                parser("").parse("a,web[1-2],b:7022"));
        assertEquals(List.of(e(null, "db1", null), e(null, "db3", null)), parser("").parse("db[1,3]"));
    }

    @Test
    void aMembersUserAndPortApplyToAllItsHosts() {
        assertEquals(List.of(e("alice", "127.0.0.1", 7022), e("alice", "127.0.0.2", 7022), e("alice", "127.0.0.3", 7022)),
                parser("").parse("alice@127.0.0.[1-3]:7022"));
        // only to that member: the next one has its own (none)
        assertEquals(List.of(e("alice", "web1", null), e(null, "web2", null)), parser("").parse("alice@web1,web2"));
    }

    @Test
    void ipv6InBracketsIsAnAddressNotARange() {
        assertEquals(List.of(e(null, "::1", 7022), e("bob", "fe80::2", null)),
                parser("").parse("[::1]:7022,bob@[fe80::2]"));
    }

    @Test
    void groupsExpandWithTheReferencesUserAndPortUnlessAMemberHasItsOwn() {
        String groups = """
                # the lab
                web: web[1-2]          # front ends
                db:  db1:7023, carol@db2
                lab: @web @db gw
                """;
        assertEquals(List.of(e(null, "web1", null), e(null, "web2", null), e(null, "db1", 7023), e("carol", "db2", null),
                e(null, "gw", null)), parser(groups).parse("@lab"));
        assertEquals(List.of(e("alice", "web1", 7022), e("alice", "web2", 7022), e("alice", "db1", 7023),
                e("carol", "db2", 7022), e("alice", "gw", 7022)), parser(groups).parse("alice@@lab:7022"));
        assertEquals(List.of(e(null, "web1", 9000), e(null, "web2", 9000), e(null, "x", null)),
                parser(groups).parse("@web:9000,x"));
    }

    @Test
    void theGroupsFileIsReadOnlyWhenAGroupIsNamed() {
        AtomicInteger reads = new AtomicInteger();
        HostSetParser p = new HostSetParser(() -> {
            reads.incrementAndGet();
            return GroupsFile.parse(FILE, "this line is broken\n");
        });
        assertEquals(1, p.parse("web[1-3]").size() / 3);
        assertEquals(0, reads.get());
        HostSetException e = assertThrows(HostSetException.class, () -> p.parse("@web"));
        assertEquals(FILE + ":1: expected GROUP: MEMBERS, got \"this line is broken\"", e.getMessage());
    }

    @Test
    void unknownAndEmptyGroupsAreNamed() {
        String groups = "web: web1\nnone:\nouter: web1 @missing\n";
        assertEquals("unknown group @db (not in " + FILE + ")",
                assertThrows(HostSetException.class, () -> parser(groups).parse("@db")).getMessage());
        assertEquals(FILE + ":3: unknown group @missing",
                assertThrows(HostSetException.class, () -> parser(groups).parse("@outer")).getMessage());
        assertEquals("group @none is empty (" + FILE + ":2)",
                assertThrows(HostSetException.class, () -> parser(groups).parse("web2,@none")).getMessage());
        HostSetParser noFile = new HostSetParser(() -> GroupsFile.none(FILE));
        assertEquals("unknown group @web: no groups file " + FILE,
                assertThrows(HostSetException.class, () -> noFile.parse("@web")).getMessage());
    }

    @Test
    void cyclesNameTheFileTheLineAndTheChain() {
        String groups = "a: x1 @b\nb: @c\nc: @a\nself: @self\n";
        assertEquals(FILE + ":3: group cycle: @a -> @b -> @c -> @a",
                assertThrows(HostSetException.class, () -> parser(groups).parse("@a")).getMessage());
        assertEquals(FILE + ":4: group cycle: @self -> @self",
                assertThrows(HostSetException.class, () -> parser(groups).parse("@self")).getMessage());
    }

    @Test
    void aGroupNamedTwiceInOneSetIsNoCycle() {
        assertEquals(4, parser("w: w[1-2]\nboth: @w @w\n").parse("@both").size());
    }

    @Test
    void badMembersAreNamed() {
        assertEquals("empty host in host set \"a,,b\"",
                assertThrows(HostSetException.class, () -> parser("").parse("a,,b")).getMessage());
        assertEquals("empty host set", assertThrows(HostSetException.class, () -> parser("").parse(" ")).getMessage());
        assertEquals("bad range \"[3-1]\" in \"web[3-1]\": 3 is more than 1",
                assertThrows(HostSetException.class, () -> parser("").parse("a,web[3-1]")).getMessage());
        assertEquals("bad port \"99999\" in \"web1:99999\": must be 1 to 65535",
                assertThrows(HostSetException.class, () -> parser("").parse("web1:99999")).getMessage());
        assertTrue(assertThrows(HostSetException.class, () -> parser("").parse("web[1-2]:0")).getMessage()
                .startsWith("bad port \"0\" in \"web1:0\""));
        assertEquals("bad host name \"a/b\": no '/' in host names",
                assertThrows(HostSetException.class, () -> parser("").parse("a/b")).getMessage());
        assertEquals("bad group name \"we b\" in \"@we b\" (letters, digits, _ . -)",
                assertThrows(HostSetException.class, () -> parser("").parse("@we b")).getMessage());
    }

    @Test
    void aHostSetIsBoundedInAll() {
        HostSetException e = assertThrows(HostSetException.class,
                () -> parser("").parse("a[1-40000],b[1-40000]"));
        assertEquals("host set \"a[1-40000],b[1-40000]\" names more than 65536 hosts", e.getMessage());
    }
}
