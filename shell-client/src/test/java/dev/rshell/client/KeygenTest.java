package dev.rshell.client;

import static dev.rshell.client.ClientRun.tlsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.KeyStores;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code rshell keygen}: the files, their permissions, the printout, and refusals. */
class KeygenTest {

    @TempDir
    Path home;

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    @Timeout(20)
    void writesAPrivateIdentityAndItsCertificateUnderTheClientDirectory() throws Exception {
        ClientRun.Result r = tlsClient().home(home).localUser("alice").env("HOSTNAME", "lab-07").run("keygen");
        Path dir = home.resolve(".rshell");
        Path p12 = dir.resolve("identity.p12");
        Path crt = dir.resolve("identity.crt");
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals("rwx------", perms(dir));
        assertEquals("rw-------", perms(p12));
        assertEquals("rw-r--r--", perms(crt));

        KeyMaterial key = KeyStores.readKey(p12, new char[0]);
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(crt)));
        assertEquals(key.certificate(), cert);
        assertEquals("CN=alice@lab-07", cert.getSubjectX500Principal().getName());
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals("EC", cert.getPublicKey().getAlgorithm());
        String fp = Fingerprints.sha256(cert);
        assertEquals("Wrote the key and certificate to " + p12 + " (keep it private)\n"
                + "and the certificate alone to " + crt + " (for the server's administrator).\n"
                + "Fingerprint: " + fp + "\n"
                + "To let it log in as alice, the server's administrator runs:\n"
                + "  rshell-server user cert alice " + crt + "\n"
                + "or, with the fingerprint alone:\n"
                + "  rshell-server user cert alice " + fp + "\n"
                + "Then connect with: rshell --identity " + p12 + " HOST\n", r.out());
    }

    @Test
    @Timeout(20)
    void rshellHomeNamesTheDirectoryOutright() throws Exception {
        Path own = home.resolve("elsewhere");
        ClientRun.Result r = tlsClient().home(home).env("RSHELL_HOME", own.toString()).run("keygen", "--name", "x");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.exists(own.resolve("identity.p12")));
        assertFalse(Files.exists(home.resolve(".rshell")));
    }

    @Test
    @Timeout(20)
    void refusesToOverwriteWithoutForce() throws Exception {
        Path p12 = home.resolve("me.p12");
        Path crt = home.resolve("me.crt");
        assertEquals(0, tlsClient().home(home).run("keygen", "--out", p12.toString(), "--name", "me").status());
        byte[] before = Files.readAllBytes(p12);
        ClientRun.Result again = tlsClient().home(home).run("keygen", "--out", p12.toString());
        assertEquals(new ClientRun.Result(1, "", "rshell keygen: " + p12 + " exists; use --force to replace it\n"),
                again);
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(Files.readAllBytes(p12)));

        // Only the certificate left: still refused, so a key never gets a stale certificate beside it.
        Files.delete(p12);
        ClientRun.Result crtLeft = tlsClient().home(home).run("keygen", "--out", p12.toString());
        assertEquals(new ClientRun.Result(1, "", "rshell keygen: " + crt + " exists; use --force to replace it\n"),
                crtLeft);
        assertFalse(Files.exists(p12));

        String oldCrt = Files.readString(crt);
        ClientRun.Result forced = tlsClient().home(home).run("keygen", "--out", p12.toString(), "--force");
        assertEquals(0, forced.status(), forced.err());
        assertNotEquals(oldCrt, Files.readString(crt));
        assertEquals(KeyStores.readKey(p12, new char[0]).fingerprint(),
                Fingerprints.sha256((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(Files.newInputStream(crt))));
        assertEquals("rw-------", perms(p12));
    }

    @Test
    @Timeout(20)
    void aNameWithoutP12GetsCrtAppended() throws Exception {
        Path out = home.resolve("key");
        assertEquals(0, tlsClient().home(home).run("keygen", "-o", out.toString(), "-n", "k").status());
        assertTrue(Files.exists(home.resolve("key.crt")));
    }

    @Test
    @Timeout(20)
    void passwordFromFileOrEnvironment() throws Exception {
        Path pw = Files.writeString(home.resolve("pw"), "hunter2\nignored\n");
        Path a = home.resolve("a.p12");
        assertEquals(0, tlsClient().home(home).run("keygen", "-o", a.toString(), "--password-file", pw.toString())
                .status());
        KeyStores.readKey(a, "hunter2".toCharArray());
        Path b = home.resolve("b.p12");
        assertEquals(0, tlsClient().home(home).env("RSHELL_IDENTITY_PASSWORD", "envpw").run("keygen", "-o", b.toString())
                .status());
        KeyStores.readKey(b, "envpw".toCharArray());
    }

    @Test
    @Timeout(20)
    void errorsAreOneLine() throws Exception {
        ClientRun.Result usage = tlsClient().home(home).run("keygen", "--bogus");
        assertEquals(new ClientRun.Result(2, "", "rshell keygen: unknown option: '--bogus'"
                + " (try rshell keygen --help)\n"), usage);
        ClientRun.Result name = tlsClient().home(home).run("keygen", "--name", " ");
        assertEquals(2, name.status());
        Path missing = home.resolve("nope");
        ClientRun.Result pw = tlsClient().home(home).run("keygen", "--password-file", missing.toString());
        assertEquals(new ClientRun.Result(1, "", "rshell keygen: can't read --password-file " + missing
                + ": no such file\n"), pw);
        Files.writeString(home.resolve("file"), "x");
        Path underFile = home.resolve("file").resolve("id.p12");
        ClientRun.Result io = tlsClient().home(home).run("keygen", "-o", underFile.toString());
        assertEquals(1, io.status());
        assertTrue(io.err().startsWith("rshell keygen: can't create " + home.resolve("file") + ": "), io.err());
        assertEquals(1, io.err().lines().count());
    }

    @Test
    @Timeout(10)
    void helpDescribesEveryOption() {
        ClientRun.Result r = tlsClient().home(home).run("keygen", "--help");
        assertEquals(0, r.status());
        for (String option : new String[] {"--out", "--name", "--password-file", "--force",
            "RSHELL_IDENTITY_PASSWORD", "rshell --identity", "Exit status"}) {
            assertTrue(r.out().contains(option), option + " missing from keygen help:\n" + r.out());
        }
    }
}
