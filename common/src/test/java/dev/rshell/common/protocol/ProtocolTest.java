package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolTest {

    @Test
    void everyMinorVersionOfVersion1IsSpoken() {
        assertEquals(0, Protocol.minorVersion(Protocol.VERSION));
        assertEquals(1, Protocol.minorVersion(Protocol.VERSION_1_1));
        assertEquals(12, Protocol.minorVersion("rshell/1.12"));
        assertEquals(0, Protocol.minorVersion("rshell/1.0"));
        assertTrue(Protocol.speaksVersion1("rshell/1"));
        assertTrue(Protocol.speaksVersion1("rshell/1.1"));
        assertTrue(Protocol.speaksVersion1("rshell/1.7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rshell/2", "rshell/10", "rshell/1.", "rshell/1.x", "rshell/1.1.2", "rshell/1.-1",
        "rshell/1.+1", "rshell/1.\uFF11", "rshell/11", "RSHELL/1", "rshell/", "", "rshell/1 ", "rshell/1.9999999999"})
    void otherVersionsAreNot(String version) {
        assertEquals(-1, Protocol.minorVersion(version));
        assertFalse(Protocol.speaksVersion1(version));
    }
}
