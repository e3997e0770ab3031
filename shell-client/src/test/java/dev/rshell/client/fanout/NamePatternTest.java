package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expanding ClusterShell-style ranges in one name. */
class NamePatternTest {

    @Test
    void aNameWithoutBracketsIsItself() {
        assertEquals(List.of("web1"), NamePattern.expand("web1"));
        assertEquals(List.of("lab-gw.example.org"), NamePattern.expand("lab-gw.example.org"));
    }

    @Test
    void aRangeKeepsTheWidthOfItsFirstNumber() {
        assertEquals(List.of("web01", "web02", "web03"), NamePattern.expand("web[01-03]"));
        assertEquals(List.of("web08", "web09", "web10", "web11"), NamePattern.expand("web[08-11]"));
        assertEquals(List.of("web8", "web9", "web10"), NamePattern.expand("web[8-10]"));
        assertEquals(List.of("n098", "n099", "n100"), NamePattern.expand("n[098-100]"));
    }

    @Test
    void listsAndRangesMixInOrderWritten() {
        assertEquals(List.of("db1", "db2", "db3", "db7"), NamePattern.expand("db[1-3,7]"));
        assertEquals(List.of("db7", "db1", "db2"), NamePattern.expand("db[7,1-2]"));
        assertEquals(List.of("x7", "x010"), NamePattern.expand("x[7,010]"));
    }

    @Test
    void rangesAnywhereInTheName() {
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), NamePattern.expand("10.0.0.[1-3]"));
        assertEquals(List.of("1web", "2web"), NamePattern.expand("[1-2]web"));
        assertEquals(List.of("web1.lab", "web2.lab"), NamePattern.expand("web[1-2].lab"));
    }

    @Test
    void severalBracketsGiveEveryCombinationLastFastest() {
        assertEquals(List.of("r1n1", "r1n2", "r1n3", "r2n1", "r2n2", "r2n3"), NamePattern.expand("r[1-2]n[1-3]"));
        assertEquals(List.of("10.0.1.1", "10.0.1.2", "10.0.2.1", "10.0.2.2"),
                NamePattern.expand("10.0.[1-2].[1-2]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "web[]        | bad range \"[]\" in \"web[]\": empty brackets",
        "web[3-1]     | bad range \"[3-1]\" in \"web[3-1]\": 3 is more than 1",
        "web[a-c]     | bad range \"[a-c]\" in \"web[a-c]\": expected numbers like [1-5,7], got \"a\"",
        "web[1-]      | bad range \"[1-]\" in \"web[1-]\": a number is missing",
        "web[1,,2]    | bad range \"[1,,2]\" in \"web[1,,2]\": a number is missing",
        "web[1--3]    | bad range \"[1--3]\" in \"web[1--3]\": expected numbers like [1-5,7], got \"-3\"",
        "web[1-05]    | bad range \"[1-05]\" in \"web[1-05]\": padding of 1 and 05 differs",
        "web[1-3      | bad range in \"web[1-3\": '[' without ']'",
        "web[1[2]]    | bad range in \"web[1[2]]\": '[' without ']'",
        "web1]        | bad range in \"web1]\": ']' without '['",
        "web[1-2/2]   | bad range \"[1-2/2]\" in \"web[1-2/2]\": expected numbers like [1-5,7], got \"2/2\"",
    })
    void badRangesAreNamed(String pattern, String message) {
        HostSetException e = assertThrows(HostSetException.class, () -> NamePattern.expand(pattern));
        assertEquals(message, e.getMessage());
    }

    @Test
    void hugeRangesAreRefusedBeforeTheyAreBuilt() {
        HostSetException e = assertThrows(HostSetException.class, () -> NamePattern.expand("n[1-99999999999]"));
        assertEquals("host set \"n[1-99999999999]\" names more than 65536 hosts", e.getMessage());
        e = assertThrows(HostSetException.class, () -> NamePattern.expand("r[1-300]n[1-300]"));
        assertEquals("host set \"r[1-300]n[1-300]\" names more than 65536 hosts", e.getMessage());
        e = assertThrows(HostSetException.class, () -> NamePattern.expand("n[1234567890123456789]"));
        assertEquals("bad range \"[1234567890123456789]\" in \"n[1234567890123456789]\": numbers have at most 18 digits",
                e.getMessage());
    }
}
