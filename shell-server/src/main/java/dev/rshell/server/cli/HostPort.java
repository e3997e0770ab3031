package dev.rshell.server.cli;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Formats a bound address as {@code HOST:PORT}, with IPv6 hosts in brackets. */
final class HostPort {

    private HostPort() {
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return host + ":" + address.getPort();
    }
}
