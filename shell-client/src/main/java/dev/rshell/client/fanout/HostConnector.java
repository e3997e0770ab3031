package dev.rshell.client.fanout;

import dev.rshell.client.connect.PasswordSource;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.Transport;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How to reach one host: the {@link SessionSpec} the single-host client would build for it.
 *
 * <p>Thread safety: {@link #spec} is called on each host's worker thread, several at once.
 */
@FunctionalInterface
public interface HostConnector {

    /** The session to open for {@code host}. */
    SessionSpec spec(Host host);

    /**
     * The usual connector: a transport from {@code transports} for each host (so that a trust
     * that keeps per-connection state, as {@code KnownHostsTrust} does, is never shared between
     * threads), one password for all ({@link SharedPassword}), and {@code --connect-timeout}.
     *
     * <p>The trust must not ask a person while hosts connect in parallel: in batch, unknown
     * servers are refused unless {@code --accept-new}. (Asking once about all unknown hosts as a
     * list is a later step of issue 12.)
     */
    static HostConnector of(Supplier<Transport> transports, PasswordSource password, Duration connectTimeout) {
        SharedPassword shared = password instanceof SharedPassword s ? s : new SharedPassword(password);
        return host -> new SessionSpec(transports.get(), host.name(), host.port(), host.user(), host.userGiven(),
                shared, connectTimeout);
    }
}
