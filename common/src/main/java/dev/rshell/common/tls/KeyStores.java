package dev.rshell.common.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.crypto.spec.PBEParameterSpec;

/**
 * Reads and writes the key and trust stores rshell uses, turning every user mistake into a
 * {@link TlsConfigException} whose one-line message names the file and the problem.
 *
 * <p>Writing is atomic and private: the store goes to a temporary file in the target's directory
 * that is created with owner-only permissions ({@code rw-------}) where the file system is
 * POSIX, then renamed over the target. The key is therefore never in a file others may read, not
 * even between create and chmod, and a crash leaves either the old file or the new one, never a
 * torn one. On file systems without POSIX permissions the file gets the directory's default
 * access; keep such a data directory private.
 *
 * <p>Thread safety: stateless; safe from any thread. Concurrent writers of one file each produce
 * a complete file; the last rename wins ({@link #createIfAbsent} avoids even that).
 */
public final class KeyStores {

    /** The alias rshell writes its key entry under, and prefers when reading. */
    public static final String ALIAS = "rshell";

    private static final String MAC_ALGORITHM = "keystore.pkcs12.macAlgorithm";
    private static final String CERT_PROTECTION = "keystore.pkcs12.certProtectionAlgorithm";
    /** The JDK's default key protection; only the iteration count differs without a password. */
    private static final String KEY_PROTECTION = "PBEWithHmacSHA256AndAES_256";
    private static final Object PKCS12_PROPERTIES_LOCK = new Object();

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private KeyStores() {
    }

    /**
     * Writes {@code key} as a PKCS#12 file with one key entry ({@value #ALIAS}), replacing any
     * file there, atomically and owner-only.
     *
     * @param password protects both the file and the key entry
     */
    public static void write(Path file, KeyMaterial key, char[] password) throws TlsConfigException {
        Path tmp = writeTemp(file, key, password);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TlsConfigException(file + ": cannot write: " + describe(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Like {@link #write} but only when no file is there yet: of two processes creating the same
     * identity at once, exactly one wins and both then use the winner's file.
     *
     * @return true when this call created the file, false when a file already existed (it is
     *         left unchanged)
     */
    public static boolean createIfAbsent(Path file, KeyMaterial key, char[] password) throws TlsConfigException {
        if (Files.exists(file)) {
            return false;
        }
        Path tmp = writeTemp(file, key, password);
        try {
            // link(2) fails when the target exists, unlike rename(2): an atomic create-if-absent.
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            // Some file systems (FAT, some network mounts) have no hard links: fall back to
            // rename, which is atomic but could overwrite a file created in this instant.
            try {
                if (Files.exists(file)) {
                    return false;
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (IOException e) {
                throw new TlsConfigException(file + ": cannot write: " + describe(e), e);
            }
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Reads the private key and its certificate chain from a PKCS#12 file. The entry named
     * {@value #ALIAS} is used when present, else the file's only key entry.
     *
     * @param password the file's password, also tried for the key entry
     */
    public static KeyMaterial readKey(Path file, char[] password) throws TlsConfigException {
        KeyStore store = load(file, password, "PKCS12");
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            String alias;
            if (keyAliases.contains(ALIAS)) {
                alias = ALIAS;
            } else if (keyAliases.size() == 1) {
                alias = keyAliases.get(0);
            } else if (keyAliases.isEmpty()) {
                throw new TlsConfigException(file + ": holds no private key entry (only certificates?)");
            } else {
                throw new TlsConfigException(file + ": holds " + keyAliases.size() + " private keys "
                        + keyAliases + " and none is named \"" + ALIAS + "\"; keep one or rename it");
            }
            Key key;
            try {
                key = store.getKey(alias, password);
            } catch (UnrecoverableKeyException e) {
                throw new TlsConfigException(file + ": the key entry \"" + alias
                        + "\" has a password other than the file's; use one password for both", e);
            }
            if (!(key instanceof PrivateKey)) {
                throw new TlsConfigException(file + ": entry \"" + alias + "\" is not a private key");
            }
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new TlsConfigException(file + ": the key \"" + alias + "\" has no certificate");
            }
            List<X509Certificate> x509 = new ArrayList<>();
            for (Certificate c : chain) {
                if (!(c instanceof X509Certificate)) {
                    throw new TlsConfigException(file + ": the key \"" + alias + "\" has a non-X.509 certificate");
                }
                x509.add((X509Certificate) c);
            }
            return new KeyMaterial((PrivateKey) key, x509);
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file + ": cannot read the key: " + e.getMessage(), e);
        }
    }

    /**
     * Reads trusted certificates: a PKCS#12 or JKS keystore, or a PEM file of certificates (a
     * CA's {@code ca.pem}). Every certificate in it becomes a trust anchor.
     *
     * @param password the keystore's password; may be null for PEM files and for keystores
     *                 whose certificates are not encrypted
     * @throws TlsConfigException also when the file holds no certificate at all
     */
    public static KeyStore readTrustStore(Path file, char[] password) throws TlsConfigException {
        byte[] bytes = readAll(file);
        KeyStore store;
        if (looksLikeCertificates(bytes)) {
            store = fromCertificates(file, bytes);
        } else {
            // JDK 17's PKCS12 store also reads JKS files (keystore.type.compat); try JKS anyway
            // for runtimes where that compatibility is turned off.
            try {
                store = loadBytes(file, bytes, password, "PKCS12");
            } catch (TlsConfigException notPkcs12) {
                try {
                    store = loadBytes(file, bytes, password, "JKS");
                } catch (TlsConfigException notJks) {
                    throw notPkcs12;
                }
            }
        }
        try {
            boolean anyCertificate = false;
            for (String alias : Collections.list(store.aliases())) {
                anyCertificate |= store.getCertificate(alias) != null;
            }
            if (!anyCertificate) {
                throw new TlsConfigException(file + ": holds no certificates to trust"
                        + (password == null ? " (does it need a password?)" : ""));
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        return store;
    }

    /**
     * An in-memory PKCS#12 store holding {@code key} under {@value #ALIAS}, as
     * {@link javax.net.ssl.KeyManagerFactory} wants its input.
     */
    public static KeyStore inMemory(KeyMaterial key, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key.privateKey(), password, key.chain().toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory PKCS#12 store: " + e, e);
        }
    }

    /**
     * Refuses a private key file that users other than its owner may read or write, as
     * {@code ssh} refuses an unprotected identity file. A no-op where the file system has no
     * POSIX permissions.
     */
    public static void requireOwnerOnly(Path file) throws TlsConfigException {
        try {
            if (!isPosix(file)) {
                return;
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> others = EnumSet.copyOf(perms);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw new TlsConfigException(file + ": permissions " + PosixFilePermissions.toString(perms)
                        + " let other users reach the private key; run chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new TlsConfigException(file + ": cannot read: " + describe(e), e);
        }
    }

    private static Path writeTemp(Path file, KeyMaterial key, char[] password) throws TlsConfigException {
        Path dir = file.toAbsolutePath().getParent();
        byte[] encoded = encode(key, password);
        Path tmp = null;
        try {
            FileAttribute<?>[] attrs = isPosix(dir)
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            // Created with its final permissions: the umask can only take bits away.
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp", attrs);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                out.write(encoded);
                channel.force(true); // the rename must not reach the disk before the content
            }
            return tmp;
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new TlsConfigException(file + ": cannot write: " + describe(e), e);
        }
    }

    private static byte[] encode(KeyMaterial key, char[] password) {
        if (password == null || password.length == 0) {
            return encodeWithoutPassword(key);
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            inMemory(key, password).store(bytes, password);
            return bytes.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot encode a PKCS#12 store: " + e, e);
        }
    }

    /**
     * A store for the empty password: no integrity MAC, the certificate unencrypted, the key
     * encrypted with one PBKDF2 iteration.
     *
     * <p>Why: with an empty password, anyone who can read the file can also open it, however
     * many iterations the JDK's defaults spend (10,000 for the MAC, the certificate and the key
     * each); they protect nothing and cost the client tens of milliseconds at every start. Such
     * a file is protected by its owner-only permissions alone, as {@code ssh-keygen -N ''}
     * leaves a key. A store with a password keeps the JDK's defaults.
     *
     * <p>The JDK takes the MAC and certificate algorithms only from the
     * {@code keystore.pkcs12.*} properties at the moment a store is written (the documented way
     * to write a password-less PKCS#12), so they are set around that one call, under a lock, and
     * put back as they were.
     */
    private static byte[] encodeWithoutPassword(KeyMaterial key) {
        synchronized (PKCS12_PROPERTIES_LOCK) {
            String mac = System.getProperty(MAC_ALGORITHM);
            String cert = System.getProperty(CERT_PROTECTION);
            try {
                System.setProperty(MAC_ALGORITHM, "NONE");
                System.setProperty(CERT_PROTECTION, "NONE");
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                byte[] salt = new byte[20];
                new SecureRandom().nextBytes(salt);
                Certificate[] chain = key.chain().toArray(new Certificate[0]);
                store.setEntry(ALIAS, new KeyStore.PrivateKeyEntry(key.privateKey(), chain),
                        new KeyStore.PasswordProtection(new char[0], KEY_PROTECTION, new PBEParameterSpec(salt, 1)));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                store.store(bytes, new char[0]);
                return bytes.toByteArray();
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot encode a PKCS#12 store: " + e, e);
            } finally {
                restore(MAC_ALGORITHM, mac);
                restore(CERT_PROTECTION, cert);
            }
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    private static KeyStore load(Path file, char[] password, String type) throws TlsConfigException {
        return loadBytes(file, readAll(file), password, type);
    }

    private static KeyStore loadBytes(Path file, byte[] bytes, char[] password, String type)
            throws TlsConfigException {
        try {
            KeyStore store = KeyStore.getInstance(type);
            store.load(new ByteArrayInputStream(bytes), password);
            return store;
        } catch (IOException e) {
            // Both PKCS12 and JKS report a failed integrity check this way.
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new TlsConfigException(file + ": wrong password (or the file is damaged)", e);
            }
            throw new TlsConfigException(file + ": not a " + (type.equals("JKS") ? "JKS" : "PKCS#12")
                    + " keystore, or damaged (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | RuntimeException e) {
            // Malformed input surfaces from the ASN.1 decoder as various runtime exceptions.
            throw new TlsConfigException(file + ": not a readable keystore (" + e + ")", e);
        }
    }

    private static byte[] readAll(Path file) throws TlsConfigException {
        if (Files.isDirectory(file)) {
            throw new TlsConfigException(file + ": is a directory, not a keystore file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TlsConfigException(file + ": cannot read: " + describe(e), e);
        }
    }

    private static boolean looksLikeCertificates(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII);
        return head.contains("-----BEGIN CERTIFICATE-----");
    }

    private static KeyStore fromCertificates(Path file, byte[] bytes) throws TlsConfigException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes))) {
                store.setCertificateEntry("cert-" + (++n), c);
            }
            return store;
        } catch (CertificateException e) {
            throw new TlsConfigException(file + ": not a valid PEM certificate file (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build an in-memory trust store: " + e, e);
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The part of an I/O error a user can act on, without the exception class name. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return "the file system cannot replace files atomically";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason(); // getMessage() would repeat the path
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // A leftover temp file holds nothing secret beyond what the target holds, with the
            // same owner-only permissions; not worth failing the write for.
        }
    }
}
