package dev.rshell.common.tls;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a TLS server asks clients for a certificate: the {@code tls-client-auth} setting.
 */
public enum ClientAuth {
    /** No certificate is requested; clients log in with a password. */
    NONE,
    /** A certificate is requested; a client without one still connects and logs in by password. */
    OPTIONAL,
    /** A client without a certificate fails the handshake. */
    REQUIRED;

    /** The setting's spelling: {@code none}, {@code optional}, {@code required}. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the setting's spelling (any case); empty for anything else. */
    public static Optional<ClientAuth> fromSetting(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ClientAuth auth : values()) {
            if (auth.settingValue().equalsIgnoreCase(value.trim())) {
                return Optional.of(auth);
            }
        }
        return Optional.empty();
    }
}
