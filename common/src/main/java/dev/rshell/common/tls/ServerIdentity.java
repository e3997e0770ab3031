package dev.rshell.common.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The key and certificate a TLS server presents, and the fingerprint clients pin.
 *
 * <p>{@link #loadOrCreate} gives a server with no {@code --tls-keystore} a stable identity: the
 * first start generates an EC P-256 key and a self-signed certificate into
 * {@code DATA_DIR/}{@value #KEYSTORE_FILE} (owner-only, {@code rw-------}); every later start
 * loads that file unchanged, so the fingerprint clients stored in {@code known_hosts} stays
 * valid across restarts even if the host name or bind address changed. To rotate, delete the
 * file; the next start makes a new one (and every client will refuse the changed fingerprint
 * until its {@code known_hosts} line is removed, which is the point).
 *
 * <p>Password of the generated file: the fixed, documented {@value #GENERATED_PASSWORD}. A
 * random password stored beside the file would sit in the same directory under the same
 * permissions and so protect nothing the permissions do not; what protects the key is that only
 * the server's OS user can read the file, which {@link #loadOrCreate} enforces (it refuses a
 * file others may read, as ssh does). A fixed password keeps the identity one file, which is
 * atomic to create and simple to back up, rotate and inspect
 * ({@code openssl pkcs12 -in server.p12 -passin pass:rshell -nokeys}). An administrator's own
 * keystore ({@link #fromKeystore}) has its own password.
 *
 * <p>Thread safety: immutable.
 */
public final class ServerIdentity {

    /** The generated keystore's file name inside the data directory. */
    public static final String KEYSTORE_FILE = "server.p12";
    /** The generated keystore's password; see the class comment for why it is fixed. */
    public static final String GENERATED_PASSWORD = "rshell";

    private final KeyMaterial key;
    private final String fingerprint;
    private final Path source;
    private final boolean created;

    private ServerIdentity(KeyMaterial key, Path source, boolean created) {
        this.key = Objects.requireNonNull(key, "key");
        this.fingerprint = key.fingerprint();
        this.source = source;
        this.created = created;
    }

    /**
     * Loads {@code dataDir/server.p12}, or, when there is none, generates it: CN = the host name,
     * SAN = the host name and the bind address, plus {@code localhost}, {@code 127.0.0.1} and
     * {@code ::1} when the bind address is a wildcard or loopback one (those are the names a
     * local client uses then). The data directory is created ({@code rwx------}) when missing.
     *
     * @param bindAddress the address the server listens on, an IP literal or host name; a
     *                    wildcard ({@code 0.0.0.0}, {@code ::}) adds no SAN entry of its own
     * @throws TlsConfigException when the file exists but is unreadable, damaged, not the
     *                            generated one, or readable by others; or cannot be written
     */
    public static ServerIdentity loadOrCreate(Path dataDir, String hostName, String bindAddress)
            throws TlsConfigException {
        Path file = dataDir.resolve(KEYSTORE_FILE);
        Optional<ServerIdentity> existing = loadExisting(dataDir);
        if (existing.isPresent()) {
            return existing.get();
        }
        createPrivateDirectory(dataDir);
        KeyMaterial generated;
        try {
            generated = SelfSignedCertificate.forServer(hostName, sanEntries(bindAddress));
        } catch (IllegalArgumentException e) {
            throw new TlsConfigException(file + ": cannot make a certificate: " + e.getMessage(), e);
        }
        if (KeyStores.createIfAbsent(file, generated, GENERATED_PASSWORD.toCharArray())) {
            return new ServerIdentity(generated, file, true);
        }
        // Another process created it between our check and our write: use theirs, so that both
        // present the identity that is on disk.
        return loadExisting(dataDir).orElseThrow(
                () -> new TlsConfigException(file + ": vanished while being created; start again"));
    }

    /**
     * The generated identity in {@code dataDir}, if one was made before; never creates one
     * ({@code rshell-server fingerprint} uses this).
     *
     * @throws TlsConfigException when the file exists but cannot be used
     */
    public static Optional<ServerIdentity> loadExisting(Path dataDir) throws TlsConfigException {
        Path file = dataDir.resolve(KEYSTORE_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        KeyStores.requireOwnerOnly(file);
        try {
            return Optional.of(new ServerIdentity(
                    KeyStores.readKey(file, GENERATED_PASSWORD.toCharArray()), file, false));
        } catch (TlsConfigException e) {
            throw new TlsConfigException(e.getMessage() + " (this is the server's generated identity,"
                    + " password \"" + GENERATED_PASSWORD + "\"; delete it to make a new one,"
                    + " or configure your own keystore instead)", e);
        }
    }

    /**
     * An administrator's PKCS#12 keystore (for instance with a CA-signed certificate), used as
     * it is. Its permissions are not policed: deployments share keys through groups such as
     * {@code ssl-cert}.
     */
    public static ServerIdentity fromKeystore(Path p12, char[] password) throws TlsConfigException {
        return new ServerIdentity(KeyStores.readKey(p12, password), p12, false);
    }

    /** An identity held only in memory (tests, or a caller that built its own key). */
    public static ServerIdentity of(KeyMaterial key) {
        return new ServerIdentity(key, null, false);
    }

    /** The leaf certificate the server presents. */
    public X509Certificate certificate() {
        return key.certificate();
    }

    /** The private key of {@link #certificate()}. */
    public PrivateKey privateKey() {
        return key.privateKey();
    }

    /** The full chain the server presents, leaf first. */
    public List<X509Certificate> chain() {
        return key.chain();
    }

    /** Key and chain together, as {@link TlsContexts} takes them. */
    public KeyMaterial keyMaterial() {
        return key;
    }

    /** The certificate's fingerprint ({@code SHA256:…}), which the server prints at every start. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The file the identity came from; empty for {@link #of}. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** Whether this call generated the identity (first start): worth a line in the server's log. */
    public boolean created() {
        return created;
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + fingerprint + (source == null ? "" : ", " + source) + "]";
    }

    private static List<String> sanEntries(String bindAddress) {
        List<String> names = new ArrayList<>();
        if (bindAddress != null && !bindAddress.isBlank()) {
            names.add(bindAddress);
        }
        Optional<InetAddress> bind = bindAddress == null ? Optional.empty() : HostNames.ipLiteral(bindAddress);
        boolean local = bindAddress == null || bindAddress.isBlank()
                || bindAddress.trim().equalsIgnoreCase("localhost")
                || bind.map(a -> a.isAnyLocalAddress() || a.isLoopbackAddress()).orElse(false);
        if (local) {
            names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        }
        return names;
    }

    private static void createPrivateDirectory(Path dir) throws TlsConfigException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            FileAttribute<?>[] attrs = dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------"))}
                    : new FileAttribute<?>[0];
            Files.createDirectories(dir, attrs);
        } catch (IOException e) {
            throw new TlsConfigException(dir + ": cannot create the data directory: " + KeyStores.describe(e), e);
        }
    }
}
