package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.KeyStores;
import dev.rshell.common.tls.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started without flags speaks only TLS; openssl sees the certificate whose
 * fingerprint the server printed; rshell verifies it and refuses it once it changes.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TlsEndToEndTest {

    @TempDir
    Path dir;

    private Launcher.Result rshell(Path home, String... args) throws Exception {
        return Launcher.run(Launcher.command(Launcher.bin("rshell"), args),
                Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD, "RSHELL_HOME", home.toString()), null, 60);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDefaultServerSpeaksTlsWithTheCertificateItPrintedAndClientsNoticeAChange() throws Exception {
        Path data = dir.resolve("data");
        Path home = dir.resolve("client-home");
        ServerProcess.addUser(data, "alice", "operator");
        int port = freePort();
        String target = "alice@127.0.0.1:" + port;
        String printed;
        try (ServerProcess server = ServerProcess.startTls(data, port)) {
            printed = server.printedFingerprint();
            assertNotNull(printed, "no fingerprint printed: " + server.stdout);

            Launcher.Result fingerprint = Launcher.run(Launcher.command(Launcher.bin("rshell-server"), "fingerprint",
                    "--data-dir", data.toString()), ServerProcess.env(), null, 60);
            assertEquals(printed + "\n", fingerprint.out(), fingerprint.err());

            Launcher.Result openssl = Launcher.run(List.of("sh", "-c", "openssl s_client -connect 127.0.0.1:" + port
                    + " </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256"), Map.of(), null, 60);
            String hex = openssl.out().substring(openssl.out().indexOf('=') + 1).strip();
            assertEquals(printed, Fingerprints.normalize(hex).orElseThrow(), openssl.out());

            Launcher.Result unknown = rshell(home, "-c", "whoami", target);
            assertEquals(255, unknown.status(), "an unknown server is refused in batch mode");
            assertTrue(unknown.err().contains(printed), unknown.err());

            Launcher.Result first = rshell(home, "--accept-new", "-c", "whoami", target);
            assertEquals(0, first.status(), first.err());
            assertEquals("alice\n", first.out());
            assertTrue(Files.readString(home.resolve("known_hosts")).contains("127.0.0.1:" + port + " " + printed));

            Launcher.Result again = rshell(home, "-c", "whoami", target);
            assertEquals(0, again.status(), again.err());

            long start = System.nanoTime();
            Launcher.Result plain = rshell(home, "--no-tls", "-c", "whoami", target);
            assertEquals(255, plain.status());
            assertTrue(plain.err().contains("TLS"), plain.err());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
            assertEquals(0, server.terminate());
        }
        Files.delete(data.resolve("server.p12")); // a new certificate at the next start
        try (ServerProcess changed = ServerProcess.startTls(data, port)) {
            assertTrue(!printed.equals(changed.printedFingerprint()));
            Launcher.Result refused = rshell(home, "--accept-new", "-c", "whoami", target);
            assertEquals(255, refused.status());
            assertTrue(refused.err().contains("line 1 of " + home.resolve("known_hosts")), refused.err());
            assertEquals("", refused.out(), "nothing ran");
        }
    }

    @Test
    void aKeystoreGivenByTheAdminReplacesTheGeneratedCertificate() throws Exception {
        Path data = dir.resolve("ks-data");
        Path home = dir.resolve("ks-home");
        ServerProcess.addUser(data, "alice", "operator");
        KeyMaterial key = SelfSignedCertificate.forServer("localhost", List.of("127.0.0.1"));
        Path keystore = dir.resolve("site.p12");
        KeyStores.write(keystore, key, "site secret".toCharArray());
        Path config = Files.writeString(dir.resolve("server.properties"),
                "tls-keystore = " + keystore + "\ntls-keystore-password = site secret\n");
        try (ServerProcess server = ServerProcess.startTls(data, 0, "--config", config.toString())) {
            assertEquals(key.fingerprint(), server.printedFingerprint());
            assertTrue(!Files.exists(data.resolve("server.p12")), "no certificate generated");
            Launcher.Result r = rshell(home, "--fingerprint", key.fingerprint(), "-c", "whoami",
                    "alice@127.0.0.1:" + server.port);
            assertEquals(0, r.status(), r.err());
            assertEquals("alice\n", r.out());
        }
    }

    @Test
    void clientsStartedTogetherAllReachTheirHandshakeInTime() throws Exception {
        // Regression (found by bin/rshell-soak): the client built its TLS context only after its
        // TCP connect, and a JVM just started on a busy machine then took over a second to send
        // its ClientHello, so the listener, which takes a second of silence for a plain client,
        // answered in plain text and the client reported "speaks plain TCP, not TLS". Six cold
        // clients at once on a small machine are such a busy machine.
        Path data = dir.resolve("burst-data");
        ServerProcess.addUser(data, "alice", "operator");
        try (ServerProcess server = ServerProcess.startTls(data, 0)) {
            List<Process> clients = new java.util.ArrayList<>();
            List<Launcher.Drain> errs = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    Process p = Launcher.start(Launcher.command(Launcher.bin("rshell"), "--fingerprint",
                            server.printedFingerprint(), "-c", "whoami", "alice@127.0.0.1:" + server.port),
                            Map.of("RSHELL_PASSWORD", ServerProcess.PASSWORD,
                                    "RSHELL_HOME", dir.resolve("burst-home-" + i).toString()));
                    clients.add(p);
                    new Launcher.Drain(p.getInputStream());
                    errs.add(new Launcher.Drain(p.getErrorStream()));
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertTrue(clients.get(i).waitFor(60, TimeUnit.SECONDS), "client " + i + " did not finish");
                    errs.get(i).join(5000);
                    assertEquals(0, clients.get(i).exitValue(), "client " + i + ": " + errs.get(i).text());
                }
            } finally {
                for (Process p : clients) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
