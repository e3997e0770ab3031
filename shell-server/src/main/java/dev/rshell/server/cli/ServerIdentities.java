package dev.rshell.server.cli;

import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsConfigException;
import dev.rshell.config.ConfigException;
import dev.rshell.config.Secret;
import dev.rshell.config.ServerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Finds the server's TLS key and certificate: the keystore named by {@code tls-keystore}, or
 * the one generated in the data directory at the first start.
 */
final class ServerIdentities {

    private ServerIdentities() {
    }

    /** The identity to serve with; creates the generated one when it does not exist yet. */
    static ServerIdentity load(ServerSettings settings) {
        try {
            if (settings.tlsKeystore().isPresent()) {
                char[] password = settings.tlsKeystorePassword().map(Secret::toCharArray).orElse(new char[0]);
                return ServerIdentity.fromKeystore(settings.tlsKeystore().get(), password);
            }
            return ServerIdentity.loadOrCreate(settings.dataDir(), hostName(), settings.bind());
        } catch (TlsConfigException e) {
            throw new ConfigException("tls: " + e.getMessage());
        }
    }

    /** The identity if one exists already (for {@code rshell-server fingerprint}). */
    static Optional<ServerIdentity> existing(ServerSettings settings) {
        try {
            if (settings.tlsKeystore().isPresent()) {
                return Optional.of(load(settings));
            }
            return ServerIdentity.loadExisting(settings.dataDir());
        } catch (TlsConfigException e) {
            throw new ConfigException("tls: " + e.getMessage());
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
