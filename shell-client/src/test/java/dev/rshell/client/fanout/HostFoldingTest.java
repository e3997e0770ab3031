package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Folding host names back into range sets, and the round trip with expansion. */
class HostFoldingTest {

    @Test
    void foldsConsecutiveNumbersAndKeepsGaps() {
        assertEquals("web[01-05,07]", HostFolding.fold(List.of("web01", "web02", "web03", "web04", "web05", "web07")));
        assertEquals("web[1-2]", HostFolding.fold(List.of("web2", "web1")));
        assertEquals("web1", HostFolding.fold(List.of("web1")));
        assertEquals("", HostFolding.fold(List.of()));
    }

    @Test
    void sortsNaturallyAndDropsDuplicates() {
        assertEquals("web[1-3,10]", HostFolding.fold(List.of("web10", "web3", "web1", "web2", "web1")));
        assertEquals("alpha,beta,db[1-2],web7", HostFolding.fold(List.of("web7", "beta", "db2", "alpha", "db1")));
    }

    @Test
    void paddingDecidesWhatJoinsARun() {
        assertEquals("web[9-10]", HostFolding.fold(List.of("web9", "web10")));
        assertEquals("web[09-10]", HostFolding.fold(List.of("web09", "web10")));
        assertEquals("web[9,010]", HostFolding.fold(List.of("web9", "web010")));
        assertEquals("web[1,01]", HostFolding.fold(List.of("web01", "web1")));
        assertEquals("n[098-100]", HostFolding.fold(List.of("n098", "n099", "n100")));
        assertEquals("n[98-100]", HostFolding.fold(List.of("n98", "n99", "n100")));
    }

    @Test
    void foldsSeveralNumericParts() {
        assertEquals("r[1-2]n[1-3]", HostFolding.fold(NamePattern.expand("r[1-2]n[1-3]")));
        assertEquals("r1n[1-2],r2n1", HostFolding.fold(List.of("r1n1", "r1n2", "r2n1")));
        assertEquals("10.0.0.[1-9]", HostFolding.fold(NamePattern.expand("10.0.0.[1-9]")));
        assertEquals("127.0.0.1:[7001-7003]",
                HostFolding.fold(List.of("127.0.0.1:7002", "127.0.0.1:7001", "127.0.0.1:7003")));
    }

    /** For a set written canonically (sorted, folded), fold(expand(x)) gives x back. */
    @ParameterizedTest
    @ValueSource(strings = {
        "web[01-20]", "db[1-3,7]", "web[01-05,07]", "web[1-3,10,12-14]", "n[098-100]", "n[8-11]",
        "x[7,010]", "web[1,01]", "r[1-2]n[1-3]", "r[01-10]n[1-2]s[1-4]", "10.0.0.[1-9]", "10.0.[1-2].[1-254]",
        "a1b[1-2],a2b1", "alpha,beta,gamma", "db[1-2],web[01-03]", "lab-gw,web[1-2].lab",
        "node0", "n[0-3]", "web[09-11]", "rack[1-2]-node[01-32]", "h[1-2,4]x[1-2]", "h[1-2]x[1-2],h3x1",
        "127.0.0.1:[7001-7003]", "a[1-2]b[1-2]c[1-2]", "w[99-101]", "w[0099-0101]",
    })
    void foldOfExpandIsTheSetItself(String set) {
        List<String> names = new ArrayList<>();
        for (String member : HostSetParser.splitMembers(set)) {
            names.addAll(NamePattern.expand(member));
        }
        assertEquals(set, HostFolding.fold(names));
    }

    /** Whatever the names, expanding the fold gives exactly them back: a bounded random search. */
    @Test
    void expandOfFoldIsTheNamesForRandomSets() {
        Random random = new Random(12);
        String[] prefixes = {"web", "db", "r", "10.0.", "n"};
        for (int round = 0; round < 500; round++) {
            TreeSet<String> names = new TreeSet<>(HostOrder.NATURAL);
            int count = 1 + random.nextInt(30);
            for (int k = 0; k < count; k++) {
                String p = prefixes[random.nextInt(prefixes.length)];
                String name = p + number(random);
                if (random.nextBoolean()) {
                    name += (p.equals("10.0.") ? "." : "n") + number(random);
                }
                names.add(name);
            }
            String folded = HostFolding.fold(names);
            TreeSet<String> back = new TreeSet<>(HostOrder.NATURAL);
            List<String> expanded = new ArrayList<>();
            for (String member : HostSetParser.splitMembers(folded)) {
                expanded.addAll(NamePattern.expand(member));
            }
            back.addAll(expanded);
            assertEquals(names, back, "fold gave " + folded);
            assertEquals(names.size(), expanded.size(), "a name came out twice from " + folded);
        }
    }

    private static String number(Random random) {
        int v = random.nextInt(14);
        return random.nextInt(4) == 0 ? String.format("%02d", v) : String.valueOf(v);
    }
}
