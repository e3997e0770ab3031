package dev.rshell.server.cli;

import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.config.ServerSettings;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code rshell-server fingerprint}: prints the SHA-256 fingerprint of the server's TLS
 * certificate, to hand to clients ({@code rshell --fingerprint}) over a trusted channel.
 */
@Command(name = "fingerprint", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Prints the fingerprint of the server's TLS certificate.")
final class FingerprintCommand implements Callable<Integer> {

    @Mixin
    UserCommand.Location location;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    FingerprintCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    @Override
    public Integer call() {
        ServerSettings settings = location.settings(env);
        Optional<ServerIdentity> identity = ServerIdentities.existing(settings);
        if (identity.isEmpty()) {
            err.println("rshell-server: no certificate in " + settings.dataDir().resolve(ServerIdentity.KEYSTORE_FILE)
                    + " yet: the server makes one at its first start with TLS (--data-dir names another"
                    + " data directory)");
            return ServerMain.FAILURE;
        }
        out.println(identity.get().fingerprint());
        return 0;
    }
}
