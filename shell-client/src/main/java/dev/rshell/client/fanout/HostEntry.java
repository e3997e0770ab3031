package dev.rshell.client.fanout;

import java.util.Objects;

/**
 * One host as a host set names it, before defaults: the user and port it carries itself (or
 * inherited from the member or group that named it), {@code null} where none was written.
 *
 * @param user a user for {@code :login}, or {@code null}
 * @param host a host name or address (IPv6 without brackets)
 * @param port a TCP port, or {@code null}
 */
public record HostEntry(String user, String host, Integer port) {
    public HostEntry {
        Objects.requireNonNull(host, "host");
    }
}
