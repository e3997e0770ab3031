package dev.rshell.client.bench;

import dev.rshell.client.connect.ServerTrust;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.PinningTrustManager;
import dev.rshell.common.tls.ServerNotTrustedException;
import java.security.cert.X509Certificate;

/**
 * Verifies the server once, the way the user asked ({@code known_hosts}, {@code --fingerprint},
 * {@code --truststore}), then pins the certificate that passed for every later connection.
 *
 * <p>Why: the bench opens many connections, most of them in parallel, and the client's trusts
 * are written for the main thread ({@code KnownHostsTrust} keeps a snapshot, may ask a person,
 * may append to {@code known_hosts}). The first connection is opened alone and goes through the
 * user's trust, with its questions and notes; the others then only check that the server shows
 * exactly the same certificate, which is also the stricter check.
 *
 * <p>Thread safety: {@link #check} and {@link #refused} may be called from any thread once the
 * first connection succeeded (the pin is volatile and written once); before that, only from one
 * thread at a time, as the delegate requires.
 */
final class PinFirstTrust implements ServerTrust {

    private final ServerTrust first;
    private volatile String pinned;

    PinFirstTrust(ServerTrust first) {
        this.first = first;
    }

    @Override
    public Check check(String host, int port) throws SessionFailure {
        String pin = pinned;
        return pin != null ? new Check(PinningTrustManager.pinned(pin), false) : first.check(host, port);
    }

    @Override
    public String refused(String host, int port, ServerNotTrustedException refusal) throws SessionFailure {
        String pin = pinned;
        if (pin != null) {
            throw new SessionFailure("server presented certificate " + refusal.fingerprint()
                    + " on another connection, not the " + pin + " verified on the first one");
        }
        return first.refused(host, port, refusal);
    }

    @Override
    public void trusted(String host, int port, X509Certificate presented) throws SessionFailure {
        if (pinned == null) {
            first.trusted(host, port, presented);
            pinned = Fingerprints.sha256(presented);
        }
    }
}
