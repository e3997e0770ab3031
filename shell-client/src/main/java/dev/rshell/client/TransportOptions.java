package dev.rshell.client;

import dev.rshell.client.connect.PlainTransport;
import dev.rshell.client.connect.ServerTrust;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.TlsTransport;
import dev.rshell.client.connect.Transport;
import dev.rshell.client.keygen.KeygenCommand;
import dev.rshell.client.trust.CaTrust;
import dev.rshell.client.trust.KnownHostsTrust;
import dev.rshell.client.trust.PinnedTrust;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.KeyStores;
import dev.rshell.common.tls.TlsConfigException;
import dev.rshell.config.source.Text;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that choose the transport and how the server is trusted ({@code --no-tls},
 * {@code --tls12}, {@code --accept-new}, {@code --fingerprint}, {@code --truststore},
 * {@code --identity} and their password files): a picocli mixin, so {@code rshell} and
 * {@code rshell bench} take them alike and check them in one place.
 */
public final class TransportOptions {

    @Option(names = "--no-tls",
            description = "Connect with plain TCP, to a server started with --no-tls. Nothing is "
                    + "encrypted or verified then, the password included. Not with the TLS options below.")
    private boolean noTls;

    @Option(names = "--tls12",
            description = "Also allow TLS 1.2, for a server that lacks TLS 1.3 (1.3 is still preferred).")
    private boolean tls12;

    @Option(names = "--accept-new",
            description = "Trust a server seen for the first time without asking and remember it "
                    + "in known_hosts. A server whose certificate changed is still refused.")
    private boolean acceptNew;

    @Option(names = "--fingerprint", paramLabel = "SHA256:...",
            description = "Trust only the server whose certificate has this fingerprint (as "
                    + "rshell-server fingerprint prints it; openssl's hex form works too). "
                    + "known_hosts is neither read nor written.")
    private String fingerprint;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "Trust a server whose certificate a CA in FILE signed (PKCS#12, JKS or "
                    + "PEM certificates) for HOST as given (host name verification); known_hosts "
                    + "is not used.")
    private Path truststore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "The --truststore password, from the first line of FILE (default: none).")
    private Path truststorePasswordFile;

    @Option(names = {"-i", "--identity"}, paramLabel = "FILE.p12",
            description = "Offer the client certificate in FILE (PKCS#12, as rshell keygen makes "
                    + "it; readable by you only). When the server maps it to a user, the session "
                    + "is logged in without a password; a USER@ or -u naming someone else then fails.")
    private Path identity;

    @Option(names = "--identity-password-file", paramLabel = "FILE",
            description = "The --identity password, from the first line of FILE. Otherwise "
                    + "RSHELL_IDENTITY_PASSWORD, otherwise empty.")
    private Path identityPasswordFile;

    private ClientIo io;

    /** What {@link #take} did with an option name. */
    enum Taken {
        /** Not one of these options. */
        UNKNOWN,
        /** A flag, set. */
        FLAG,
        /** An option with a value, set to it. */
        VALUE,
        /** Given twice, or a value where none belongs: picocli must word the problem. */
        DECLINED
    }

    /**
     * The fast path of {@code ClientMain}'s common command lines: sets the option {@code name}
     * as picocli would (a flag when {@code value} is null). Only the exact names picocli knows;
     * anything picocli would refuse or treat specially is {@link Taken#DECLINED} or
     * {@link Taken#UNKNOWN}, and the whole command line then goes to picocli.
     *
     * @param value the option's value, or null for a flag (or an option given without one)
     */
    Taken take(String name, String value) {
        switch (name) {
            case "--no-tls", "--tls12", "--accept-new" -> {
                boolean was = name.equals("--no-tls") ? noTls : name.equals("--tls12") ? tls12 : acceptNew;
                if (value != null || was) {
                    return Taken.DECLINED;
                }
                if (name.equals("--no-tls")) {
                    noTls = true;
                } else if (name.equals("--tls12")) {
                    tls12 = true;
                } else {
                    acceptNew = true;
                }
                return Taken.FLAG;
            }
            case "--fingerprint" -> {
                if (value == null || fingerprint != null) {
                    return Taken.DECLINED;
                }
                fingerprint = value;
                return Taken.VALUE;
            }
            case "--truststore", "--truststore-password-file", "-i", "--identity", "--identity-password-file" -> {
                Path current = switch (name) {
                    case "--truststore" -> truststore;
                    case "--truststore-password-file" -> truststorePasswordFile;
                    case "--identity-password-file" -> identityPasswordFile;
                    default -> identity;
                };
                if (value == null || current != null) {
                    return Taken.DECLINED;
                }
                Path path;
                try {
                    path = Path.of(value);
                } catch (java.nio.file.InvalidPathException e) {
                    return Taken.DECLINED;
                }
                switch (name) {
                    case "--truststore" -> truststore = path;
                    case "--truststore-password-file" -> truststorePasswordFile = path;
                    case "--identity-password-file" -> identityPasswordFile = path;
                    default -> identity = path;
                }
                return Taken.VALUE;
            }
            default -> {
                return Taken.UNKNOWN;
            }
        }
    }

    /** Whether the connection is plain TCP. */
    public boolean plain() {
        return noTls;
    }

    /** Whether TLS 1.2 is allowed besides 1.3. */
    public boolean tls12() {
        return tls12;
    }

    /**
     * Checks the combination and picks the transport.
     *
     * @throws IllegalArgumentException for a usage error (status 2)
     * @throws SessionFailure           for a file that can't be used (status 255)
     */
    public Transport transport(ClientIo clientIo) throws SessionFailure {
        return transport(clientIo, trust -> trust);
    }

    /**
     * As {@link #transport(ClientIo)}, with the server trust wrapped (the benchmark pins the
     * certificate its first connection accepted for all the others).
     */
    public Transport transport(ClientIo clientIo, java.util.function.UnaryOperator<ServerTrust> wrap)
            throws SessionFailure {
        this.io = clientIo;
        checkTlsOptions();
        return transport(wrap);
    }

    /** Combinations of the transport options that make no sense are usage errors. */
    void checkTlsOptions() {
        if (noTls) {
            String tlsOnly = tls12 ? "--tls12" : acceptNew ? "--accept-new" : fingerprint != null ? "--fingerprint"
                    : truststore != null ? "--truststore" : identity != null ? "--identity" : null;
            if (tlsOnly != null) {
                throw new IllegalArgumentException(tlsOnly + " needs TLS; it can't be combined with --no-tls");
            }
        }
        if (fingerprint != null && !Fingerprints.isWellFormed(fingerprint)) {
            throw new IllegalArgumentException("bad --fingerprint " + Text.quote(fingerprint)
                    + ": must be SHA256: and 43 base64 characters, as rshell-server fingerprint prints it");
        }
        if (fingerprint != null && truststore != null) {
            throw new IllegalArgumentException("--fingerprint and --truststore can't be combined");
        }
        if (acceptNew && (fingerprint != null || truststore != null)) {
            throw new IllegalArgumentException("--accept-new is for known_hosts; it can't be combined with "
                    + (fingerprint != null ? "--fingerprint" : "--truststore"));
        }
        if (truststorePasswordFile != null && truststore == null) {
            throw new IllegalArgumentException("--truststore-password-file needs --truststore");
        }
        if (identityPasswordFile != null && identity == null) {
            throw new IllegalArgumentException("--identity-password-file needs --identity");
        }
    }

    /** The one place that picks the transport and how the server is trusted. */
    private Transport transport(java.util.function.UnaryOperator<ServerTrust> wrap) throws SessionFailure {
        if (noTls) {
            return new PlainTransport();
        }
        ServerTrust trust;
        if (fingerprint != null) {
            trust = new PinnedTrust(fingerprint);
        } else if (truststore != null) {
            try {
                trust = new CaTrust(KeyStores.readTrustStore(truststore,
                        secret(truststorePasswordFile, "--truststore-password-file", null)), truststore);
            } catch (TlsConfigException e) {
                throw new SessionFailure(oneLine(e.getMessage()));
            } catch (IllegalArgumentException e) {
                throw new SessionFailure("--truststore " + truststore + ": " + oneLine(e.getMessage()));
            }
        } else {
            trust = new KnownHostsTrust(ClientHome.knownHosts(io.env()), acceptNew, io.stdinIsTerminal(),
                    io.ask(), io.err());
        }
        return new TlsTransport(wrap.apply(trust), clientIdentity(), tls12);
    }

    /** {@code --identity}, read now so that a wrong password fails before connecting. */
    private Optional<KeyMaterial> clientIdentity() throws SessionFailure {
        if (identity == null) {
            return Optional.empty();
        }
        char[] password = secret(identityPasswordFile, "--identity-password-file",
                io.env().getOrDefault(KeygenCommand.PASSWORD_ENV, ""));
        try {
            // As ssh refuses an identity file others can read.
            KeyStores.requireOwnerOnly(identity);
            return Optional.of(KeyStores.readKey(identity, password));
        } catch (TlsConfigException e) {
            throw new SessionFailure("--identity " + oneLine(e.getMessage()));
        }
    }

    /** The first line of {@code file}, else {@code otherwise} (may be null). */
    private static char[] secret(Path file, String option, String otherwise) throws SessionFailure {
        if (file == null) {
            return otherwise == null ? null : otherwise.toCharArray();
        }
        try {
            return SecretFile.firstLine(file, option).toCharArray();
        } catch (SecretFile.Unreadable e) {
            throw new SessionFailure(e.getMessage());
        }
    }


    /** The first line of a message. */
    private static String oneLine(String message) {
        return message == null ? "bad file" : message.strip().lines().findFirst().orElse("bad file");
    }
}
