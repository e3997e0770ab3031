package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rshell.common.tls.TlsTestSupport.EchoServer;
import dev.rshell.common.tls.TlsTestSupport.Served;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the "done" criterion checks by hand: {@code openssl s_client} sees the server's
 * certificate with the fingerprint rshell prints. Skipped where openssl is not installed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpensslInteropTest {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----\\n?", Pattern.DOTALL);

    private static String openssl;

    @TempDir
    Path dir;

    @BeforeAll
    static void findOpenssl() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "openssl"))) {
                openssl = Path.of(p, "openssl").toString();
                return;
            }
        }
    }

    /** Runs openssl with {@code input} on stdin; returns stdout and stderr together. */
    private static String run(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(openssl);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException exitedEarly) {
                // s_client may have given up already; its output says why.
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(15, TimeUnit.SECONDS), "openssl did not exit");
            return output;
        } finally {
            process.destroyForcibly();
        }
    }

    private static String sClient(int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-showcerts", "-ign_eof"));
        args.addAll(List.of(extra));
        return run("ping\n", args.toArray(new String[0]));
    }

    @Test
    void opensslSeesTheFingerprintRshellPrints() throws Exception {
        assumeTrue(openssl != null, "openssl is not installed");
        try (EchoServer server = new EchoServer(
                TlsContexts.server(TlsTestSupport.SERVER, TrustSpec.anyValidCertificate()),
                TlsContexts.serverParameters(TlsContexts.protocols(false), ClientAuth.NONE))) {
            Future<Served> served = server.serveOne();
            String output = sClient(server.port());
            assertEquals("ping", served.get(10, TimeUnit.SECONDS).line(), output);
            assertTrue(output.contains("echo ping"), output);
            assertTrue(output.contains("TLSv1.3"), output);

            Matcher pem = PEM.matcher(output);
            assertTrue(pem.find(), output);
            String fingerprint = run(pem.group(), "x509", "-noout", "-fingerprint", "-sha256");
            // "sha256 Fingerprint=AB:CD:…" (OpenSSL 3) or "SHA256 Fingerprint=…" (1.1)
            String hex = fingerprint.substring(fingerprint.indexOf('=') + 1).trim();
            assertEquals(TlsTestSupport.SERVER.fingerprint(), Fingerprints.normalize(hex).orElseThrow(), fingerprint);
        }
    }

    @Test
    void opensslClientCertificateReachesTheServer() throws Exception {
        assumeTrue(openssl != null, "openssl is not installed");
        KeyMaterial client = TlsTestSupport.CLIENT;
        Path cert = Files.writeString(dir.resolve("client.pem"), KeyStoresTest.pem(client.certificate()));
        Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(client.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        try (EchoServer server = new EchoServer(
                TlsContexts.server(TlsTestSupport.SERVER, TrustSpec.anyValidCertificate()),
                TlsContexts.serverParameters(TlsContexts.protocols(false), ClientAuth.REQUIRED))) {
            Future<Served> served = server.serveOne();
            String output = sClient(server.port(), "-cert", cert.toString(), "-key", key.toString());
            assertEquals(client.fingerprint(), served.get(10, TimeUnit.SECONDS).peerFingerprint(), output);
        }
    }
}
