package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ServerIdentityTest {

    @TempDir
    Path dir;

    @Test
    void firstStartCreatesAndLaterStartsLoadTheSameIdentity() throws Exception {
        Path data = dir.resolve("data");
        ServerIdentity first = ServerIdentity.loadOrCreate(data, "lab-01", "0.0.0.0");
        assertTrue(first.created());
        assertTrue(Fingerprints.isWellFormed(first.fingerprint()));
        assertEquals(Optional.of(data.resolve("server.p12")), first.source());

        ServerIdentity second = ServerIdentity.loadOrCreate(data, "renamed-host", "10.1.2.3");
        assertFalse(second.created());
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.certificate(), second.certificate());
        assertEquals(first.privateKey(), second.privateKey());
        assertEquals(first.fingerprint(), ServerIdentity.loadExisting(data).orElseThrow().fingerprint());
    }

    @Test
    void generatedFilesAreOwnerOnly() throws Exception {
        assumeTrue(KeyStoresTest.posix(dir));
        Path data = dir.resolve("data");
        ServerIdentity.loadOrCreate(data, "lab-01", "127.0.0.1");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("server.p12"))));
    }

    @Test
    void sanHoldsHostBindAndLoopbackNamesWhenBoundToAll() throws Exception {
        ServerIdentity wildcard = ServerIdentity.loadOrCreate(dir.resolve("a"), "lab-01", "0.0.0.0");
        assertEquals(Set.of("dns:lab-01", "dns:localhost", "ip:127.0.0.1", "ip:0:0:0:0:0:0:0:1"),
                SelfSignedCertificateTest.sans(wildcard.certificate()));
        assertEquals("CN=lab-01", wildcard.certificate().getSubjectX500Principal().getName());

        ServerIdentity lan = ServerIdentity.loadOrCreate(dir.resolve("b"), "lab-01", "192.168.1.20");
        assertEquals(Set.of("dns:lab-01", "ip:192.168.1.20"), SelfSignedCertificateTest.sans(lan.certificate()));

        ServerIdentity v6 = ServerIdentity.loadOrCreate(dir.resolve("c"), "lab-01", "2001:db8::7");
        assertEquals(Set.of("dns:lab-01", "ip:2001:db8:0:0:0:0:0:7"), SelfSignedCertificateTest.sans(v6.certificate()));
    }

    @Test
    void concurrentFirstStartsAgreeOnOneIdentity() throws Exception {
        Path data = dir.resolve("data");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ServerIdentity>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(pool.submit((Callable<ServerIdentity>) () ->
                        ServerIdentity.loadOrCreate(data, "lab-01", "127.0.0.1")));
            }
            Set<String> fingerprints = new HashSet<>();
            for (Future<ServerIdentity> start : starts) {
                fingerprints.add(start.get(15, TimeUnit.SECONDS).fingerprint());
            }
            assertEquals(Set.of(ServerIdentity.loadExisting(data).orElseThrow().fingerprint()), fingerprints);
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void loadExistingNeverCreates() throws Exception {
        assertEquals(Optional.empty(), ServerIdentity.loadExisting(dir));
        assertFalse(Files.exists(dir.resolve("server.p12")));
    }

    @Test
    void aKeystoreOthersCanReadIsRefused() throws Exception {
        assumeTrue(KeyStoresTest.posix(dir));
        ServerIdentity.loadOrCreate(dir, "lab-01", "127.0.0.1");
        Path file = dir.resolve("server.p12");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ServerIdentity.loadOrCreate(dir, "lab-01", "127.0.0.1"));
        KeyStoresTest.assertUserMessage(e, file, "chmod 600");
    }

    @Test
    void aDamagedOrForeignKeystoreIsNamedNotReplaced() throws Exception {
        Path file = dir.resolve("server.p12");
        KeyStores.write(file, TlsTestSupport.CLIENT, "not-rshell".toCharArray());
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ServerIdentity.loadOrCreate(dir, "lab-01", "127.0.0.1"));
        KeyStoresTest.assertUserMessage(e, file, "wrong password");
        assertTrue(e.getMessage().contains("generated identity"), e.getMessage());
        assertEquals(TlsTestSupport.CLIENT.fingerprint(),
                KeyStores.readKey(file, "not-rshell".toCharArray()).fingerprint());
    }

    @Test
    void fromKeystoreUsesTheAdministratorsFile() throws Exception {
        Path file = dir.resolve("corp.p12");
        KeyMaterial key = SelfSignedCertificate.forServer("lab-01.corp.example", List.of());
        KeyStores.write(file, key, "corp".toCharArray());
        ServerIdentity id = ServerIdentity.fromKeystore(file, "corp".toCharArray());
        assertEquals(key.fingerprint(), id.fingerprint());
        assertFalse(id.created());
        KeyStoresTest.assertUserMessage(assertThrows(TlsConfigException.class,
                () -> ServerIdentity.fromKeystore(file, "rshell".toCharArray())), file, "wrong password");
    }

    @Test
    void anInvalidHostNameIsAConfigurationError() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> ServerIdentity.loadOrCreate(dir, "no spaces allowed", "127.0.0.1"));
        assertTrue(e.getMessage().contains("no spaces allowed"), e.getMessage());
    }
}
