package dev.rshell.server.auth;

import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import java.util.Optional;

/**
 * Logs a session in by its TLS client certificate: the certificate's SHA-256 fingerprint must
 * be mapped to a user in the users file ({@code rshell-server user cert NAME FILE}). The
 * mapping, not a CA, is the trust anchor, as {@code authorized_keys} is for ssh; the TLS
 * handshake has already proven that the client holds the certificate's private key.
 *
 * <p>Thread safety: thread-safe (the user store is).
 */
public final class CertificateLogin {

    private final UserStore users;

    public CertificateLogin(UserStore users) {
        this.users = users;
    }

    /** The user whose account lists {@code fingerprint}, if any. */
    public Optional<LoginResult.Success> login(String fingerprint) {
        try {
            for (UserAccount account : users.list()) {
                if (account.certificateFingerprints().contains(fingerprint)) {
                    return Optional.of(new LoginResult.Success(account.name(), account.role().name(), account.home()));
                }
            }
        } catch (RuntimeException e) {
            System.err.println("rshell-server: users file unreadable: " + e.getMessage());
        }
        return Optional.empty();
    }
}
