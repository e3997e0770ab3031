package dev.rshell.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Addresses as the server prints them: IPv6 in brackets and in the short form. */
class HostPortTest {

    private static String format(String host, int port) throws Exception {
        return HostPort.format(new InetSocketAddress(InetAddress.getByName(host), port));
    }

    @Test
    void ipv6IsShortAndBracketed() throws Exception {
        assertEquals("[::1]:7022", format("::1", 7022));
        assertEquals("[::]:7022", format("0:0:0:0:0:0:0:0", 7022));
        assertEquals("[2001:db8::1:0:0:1]:1", format("2001:0db8:0:0:1:0:0:1", 1), "the first of two equal runs");
        assertEquals("[2001:db8:0:1:1:1:1:1]:1", format("2001:db8:0:1:1:1:1:1", 1), "one zero group stays");
        assertEquals("[1::]:1", format("1:0:0:0:0:0:0:0", 1));
        assertEquals("[fe80::1:2]:1", format("fe80:0:0:0:0:0:1:2", 1));
    }

    @Test
    void ipv4IsAsIs() throws Exception {
        assertEquals("127.0.0.1:7022", format("127.0.0.1", 7022));
    }

    @Test
    void aConfiguredIpv6HostIsBracketed() {
        assertEquals("[::1]:7022", HostPort.format("::1", 7022));
        assertEquals("localhost:7022", HostPort.format("localhost", 7022));
    }
}
