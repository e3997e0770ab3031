package dev.rshell.client.trust;

import dev.rshell.client.connect.ServerTrust;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.Target;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.PinningTrustManager;
import dev.rshell.common.tls.ServerNotTrustedException;

/**
 * Trust by one fingerprint given on the command line ({@code --fingerprint SHA256:…}): the
 * server's certificate must have exactly it. {@code known_hosts} is neither read nor written.
 *
 * <p>Thread safety: immutable.
 */
public final class PinnedTrust implements ServerTrust {

    private final String fingerprint;

    /**
     * @param fingerprint in any form {@link Fingerprints#normalize} accepts
     * @throws IllegalArgumentException when it is not a fingerprint
     */
    public PinnedTrust(String fingerprint) {
        this.fingerprint = Fingerprints.normalize(fingerprint).orElseThrow(
                () -> new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint));
    }

    @Override
    public Check check(String host, int port) {
        return new Check(PinningTrustManager.pinned(fingerprint), false);
    }

    @Override
    public String refused(String host, int port, ServerNotTrustedException refusal) throws SessionFailure {
        throw new SessionFailure(SessionFailure.Kind.TRUST, "server " + Target.authority(host, port) + " presented certificate "
                + refusal.fingerprint() + ", not the " + fingerprint + " given with --fingerprint");
    }
}
