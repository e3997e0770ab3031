package dev.rshell.server.cli;

import dev.rshell.common.tls.Fingerprints;
import dev.rshell.config.ConfigException;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rshell-server user cert NAME CERT}: maps a client certificate to a user, so a TLS
 * connection presenting it is logged in as that user without a password. CERT is a
 * certificate file (PEM or DER, as {@code rshell keygen} writes it) or its fingerprint
 * ({@code SHA256:...}, or the hex form openssl prints).
 */
@Command(name = "cert", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Maps a client certificate to a user (or removes the mapping with --remove).")
final class UserCertCommand implements Callable<Integer> {

    @Mixin
    UserCommand.Location location;
    @Parameters(index = "0", paramLabel = "NAME", description = "The user.")
    String name;
    @Parameters(index = "1", paramLabel = "CERT",
            description = "A certificate file (PEM or DER), or a fingerprint SHA256:...")
    String certificate;
    @Option(names = "--remove", description = "Remove the mapping instead of adding it.")
    boolean remove;

    private final PrintStream out;
    private final Map<String, String> env;

    UserCertCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Override
    public Integer call() {
        UserStore store = location.store(location.settings(env));
        UserAccount account = store.find(name)
                .orElseThrow(() -> new ConfigException("no user " + name + " (in " + store.file() + ")"));
        String fingerprint = fingerprintOf(certificate);
        List<String> fingerprints = new ArrayList<>(account.certificateFingerprints());
        if (remove) {
            if (!fingerprints.remove(fingerprint)) {
                throw new ConfigException("user " + name + " has no certificate " + fingerprint);
            }
        } else if (!fingerprints.contains(fingerprint)) {
            fingerprints.add(fingerprint);
        }
        store.update(new UserAccount(account.name(), account.role(), account.home(), account.passwordHash(),
                fingerprints));
        out.println((remove ? "removed certificate " : "user " + name + " now logs in with certificate ")
                + fingerprint + (remove ? " from user " + name : ""));
        return 0;
    }

    /** The fingerprint of a certificate file, or the fingerprint given as text. */
    static String fingerprintOf(String argument) {
        java.util.Optional<String> given = Fingerprints.normalize(argument);
        if (given.isPresent()) {
            return given.get();
        }
        Path file = Path.of(argument);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("CERT: " + argument + " is neither a certificate file nor a fingerprint"
                    + " (SHA256:... or 64 hex digits)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return Fingerprints.sha256(cert);
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new ConfigException("CERT: " + file + " is not a readable X.509 certificate (PEM or DER): "
                    + e.getMessage());
        }
    }
}
