package dev.rshell.client.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything needed to open a logged-in session.
 *
 * @param transport how to open the socket
 * @param host      host name or address (IPv6 without brackets)
 * @param port      TCP port
 * @param user      the user for {@code :login}, already checked by {@link Target#checkUser}
 * @param userGiven whether the user named {@code user} explicitly ({@code USER@} or {@code -u});
 *                  when a client certificate logs the session in as someone else, an explicit
 *                  user is a failure and a defaulted one (the local login name) is not
 * @param password  asked for the password after {@code hello}
 * @param timeout   the {@code --connect-timeout} limit: bounds the TCP connect, the wait for
 *                  {@code hello}, and the wait for the answer to {@code :login}, each
 * @param times     where the connection marks the end of its phases ({@code RSHELL_TIMING})
 */
public record SessionSpec(Transport transport, String host, int port, String user, boolean userGiven,
                          PasswordSource password, Duration timeout, StartupTimes times) {
    public SessionSpec {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** Without timing. */
    public SessionSpec(Transport transport, String host, int port, String user, boolean userGiven,
                       PasswordSource password, Duration timeout) {
        this(transport, host, port, user, userGiven, password, timeout, StartupTimes.OFF);
    }

    /** {@code host:port} for messages. */
    public String authority() {
        return Target.authority(host, port);
    }

    /** The timeout as the user wrote it, for messages: "10s", "0.5s". */
    public String timeoutText() {
        long ms = timeout.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s"
                : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s";
    }
}
