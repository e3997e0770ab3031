package dev.rshell.common.tls;

import java.util.Objects;

/**
 * What a {@link HostKeyVerifier} decided about the certificate a server presented.
 */
public sealed interface HostKeyDecision {

    /** Go on with the handshake. */
    HostKeyDecision ACCEPT = new Accept();

    /** Fail the handshake with a {@link ServerNotTrustedException} that carries {@code reason}. */
    static HostKeyDecision reject(String reason) {
        return new Reject(reason);
    }

    /** The server is trusted. */
    record Accept() implements HostKeyDecision {
    }

    /**
     * The server is not trusted.
     *
     * @param reason one line for the user, e.g. {@code fingerprint changed since known_hosts line 3}
     */
    record Reject(String reason) implements HostKeyDecision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
