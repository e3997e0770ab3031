package dev.rshell.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The client's own directory, which holds {@code known_hosts} and the default identity
 * {@code identity.p12}: {@code $RSHELL_HOME} when that variable is set and not empty (the
 * directory itself, as {@code GNUPGHOME} names gpg's), else {@code $HOME/.rshell}, else
 * {@code .rshell} under the JVM's {@code user.home}.
 *
 * <p>Both variables come from {@link ClientIo#env()}, so tests point the client at a temporary
 * directory and never touch the real home. The directory is created only when the client writes
 * a file there, owner-only ({@code rwx------}), as ssh keeps {@code ~/.ssh}.
 *
 * <p>Thread safety: stateless.
 */
public final class ClientHome {

    /** The variable that names the client's directory outright. */
    public static final String ENV = "RSHELL_HOME";
    /** The directory's name under the home directory. */
    public static final String DIR_NAME = ".rshell";
    /** The file of trusted servers' fingerprints in the directory. */
    public static final String KNOWN_HOSTS = "known_hosts";
    /** The default client identity ({@code rshell keygen}, {@code --identity}) in the directory. */
    public static final String IDENTITY = "identity.p12";

    private ClientHome() {
    }

    /** The client's directory for this environment; see the class comment. */
    public static Path directory(Map<String, String> env) {
        String own = env.get(ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home", ".");
        }
        return Path.of(home, DIR_NAME);
    }

    /** {@code DIR/known_hosts}. */
    public static Path knownHosts(Map<String, String> env) {
        return directory(env).resolve(KNOWN_HOSTS);
    }

    /** {@code DIR/identity.p12}. */
    public static Path defaultIdentity(Map<String, String> env) {
        return directory(env).resolve(IDENTITY);
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only when it does not exist; an existing
     * directory is left as it is.
     */
    public static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        FileAttribute<?>[] attrs = posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
                : new FileAttribute<?>[0];
        Files.createDirectories(dir, attrs);
    }

    /** Whether the file system of {@code path} has POSIX permissions. */
    public static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
