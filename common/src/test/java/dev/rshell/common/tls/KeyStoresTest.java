package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class KeyStoresTest {

    private static final char[] PASSWORD = "s3cret pass".toCharArray();
    private static final KeyMaterial KEY = TlsTestSupport.CLIENT;

    @TempDir
    Path dir;

    static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A one-line message that names the file: what the user sees. */
    static void assertUserMessage(TlsConfigException e, Path file, String expected) {
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n"), message);
        assertFalse(message.contains("Exception"), message);
    }

    @Test
    void withoutPasswordTheFileHasNoMacNorEncryptedCertificateAndReadsBack() throws Exception {
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, new char[0]);
        KeyMaterial read = KeyStores.readKey(file, new char[0]);
        assertArrayEquals(KEY.privateKey().getEncoded(), read.privateKey().getEncoded());
        assertEquals(KEY.chain(), read.chain());
        assertNull(org.bouncycastle.asn1.pkcs.Pfx.getInstance(Files.readAllBytes(file)).getMacData());
        // Loaded without any password, the certificate is there: it was not encrypted.
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, null);
        }
        assertEquals(KEY.certificate(), store.getCertificate(KeyStores.ALIAS));
        // The properties that made it so are put back, and a password still gets a MAC.
        assertNull(System.getProperty("keystore.pkcs12.macAlgorithm"));
        assertNull(System.getProperty("keystore.pkcs12.certProtectionAlgorithm"));
        Path protectedFile = dir.resolve("pw.p12");
        KeyStores.write(protectedFile, KEY, PASSWORD);
        assertNotNull(org.bouncycastle.asn1.pkcs.Pfx.getInstance(Files.readAllBytes(protectedFile)).getMacData());
    }

    @Test
    void writeThenReadGivesBackTheSameKeyAndCertificate() throws Exception {
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        KeyMaterial read = KeyStores.readKey(file, PASSWORD);
        assertArrayEquals(KEY.privateKey().getEncoded(), read.privateKey().getEncoded());
        assertEquals(KEY.chain(), read.chain());
        assertEquals(KEY.fingerprint(), read.fingerprint());
        // Stock tools see the alias rshell writes.
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        assertEquals(List.of(KeyStores.ALIAS), Collections.list(store.aliases()));
    }

    @Test
    void writtenFileIsOwnerOnlyAndNoTemporaryFileRemains() throws Exception {
        assumeTrue(posix(dir));
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        KeyStores.write(file, SelfSignedCertificate.forClient("other"), PASSWORD); // replace
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        KeyStores.requireOwnerOnly(file);
    }

    @Test
    void writeReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        KeyMaterial other = SelfSignedCertificate.forClient("other");
        KeyStores.write(file, other, PASSWORD);
        assertEquals(other.fingerprint(), KeyStores.readKey(file, PASSWORD).fingerprint());
    }

    @Test
    void createIfAbsentNeverReplaces() throws Exception {
        Path file = dir.resolve("id.p12");
        assertTrue(KeyStores.createIfAbsent(file, KEY, PASSWORD));
        assertFalse(KeyStores.createIfAbsent(file, SelfSignedCertificate.forClient("other"), PASSWORD));
        assertEquals(KEY.fingerprint(), KeyStores.readKey(file, PASSWORD).fingerprint());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void wrongPasswordIsNamedAsSuch() throws Exception {
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> KeyStores.readKey(file, "guess".toCharArray()));
        assertUserMessage(e, file, "wrong password");
    }

    @Test
    void missingFileDirectoryAndGarbageAreNamed() throws Exception {
        Path missing = dir.resolve("nope.p12");
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.readKey(missing, PASSWORD)),
                missing, "no such file");
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.readKey(dir, PASSWORD)),
                dir, "is a directory");
        Path garbage = Files.writeString(dir.resolve("notes.txt"), "just some text\n");
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.readKey(garbage, PASSWORD)),
                garbage, "not a PKCS#12 keystore");
        Path writeTarget = dir.resolve("no-such-dir").resolve("id.p12");
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.write(writeTarget, KEY, PASSWORD)),
                writeTarget, "cannot write");
    }

    @Test
    void unreadableFileIsNamed() throws Exception {
        assumeTrue(posix(dir));
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: permissions do not apply");
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.readKey(file, PASSWORD)),
                file, "permission denied");
    }

    @Test
    void keystoreWithoutKeyEntryIsNamed() throws Exception {
        Path file = dir.resolve("certs.p12");
        store(file, "PKCS12", PASSWORD, KEY.certificate());
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.readKey(file, PASSWORD)),
                file, "no private key");
    }

    @Test
    void foreignAliasIsUsedWhenItIsTheOnlyKey() throws Exception {
        Path file = dir.resolve("openssl.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("1", KEY.privateKey(), PASSWORD, new Certificate[] {KEY.certificate()});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
        }
        assertEquals(KEY.fingerprint(), KeyStores.readKey(file, PASSWORD).fingerprint());
    }

    @Test
    void trustStoresInEveryFormat() throws Exception {
        KeyMaterial other = SelfSignedCertificate.forClient("other");
        Path p12 = dir.resolve("trust.p12");
        store(p12, "PKCS12", PASSWORD, KEY.certificate(), other.certificate());
        Path jks = dir.resolve("trust.jks");
        store(jks, "JKS", PASSWORD, KEY.certificate(), other.certificate());
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "# two CAs\n" + pem(KEY.certificate()) + pem(other.certificate()));
        for (Path file : List.of(p12, jks, pem)) {
            KeyStore trust = KeyStores.readTrustStore(file, file == pem ? null : PASSWORD);
            assertEquals(2, trust.size(), file.toString());
            assertTrue(trust.getCertificateAlias(KEY.certificate()) != null, file.toString());
        }
        assertUserMessage(assertThrows(TlsConfigException.class,
                () -> KeyStores.readTrustStore(p12, "wrong".toCharArray())), p12, "wrong password");
        Path empty = dir.resolve("empty.p12");
        store(empty, "PKCS12", PASSWORD);
        assertUserMessage(assertThrows(TlsConfigException.class,
                () -> KeyStores.readTrustStore(empty, PASSWORD)), empty, "no certificates");
    }

    @Test
    void requireOwnerOnlyRefusesAFileOthersCanRead() throws Exception {
        assumeTrue(posix(dir));
        Path file = dir.resolve("id.p12");
        KeyStores.write(file, KEY, PASSWORD);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertUserMessage(assertThrows(TlsConfigException.class, () -> KeyStores.requireOwnerOnly(file)),
                file, "chmod 600");
    }

    private static void store(Path file, String type, char[] password, Certificate... certs) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        for (int i = 0; i < certs.length; i++) {
            store.setCertificateEntry("ca" + i, certs[i]);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
    }

    static String pem(Certificate cert) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}
