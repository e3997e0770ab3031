package dev.rshell.client.fanout;

import dev.rshell.client.connect.Target;
import java.util.Objects;

/**
 * One host to run on, with every default applied.
 *
 * @param label     how output, files and the summary name it: the host name, or
 *                  {@code host:port} when another host of the run has the same name, or
 *                  {@code user@host:port} when even that repeats (see {@link HostSelection})
 * @param user      the user for {@code :login}
 * @param userGiven whether the user was written ({@code USER@}, {@code -u}) rather than the
 *                  local login name (see {@code SessionSpec#userGiven})
 * @param name      host name or address (IPv6 without brackets)
 * @param port      TCP port
 */
public record Host(String label, String user, boolean userGiven, String name, int port) {
    public Host {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(name, "name");
    }

    /** {@code host:port}, as connection messages write it. */
    public String authority() {
        return Target.authority(name, port);
    }
}
