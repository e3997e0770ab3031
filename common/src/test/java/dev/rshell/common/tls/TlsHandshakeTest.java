package dev.rshell.common.tls;

import static dev.rshell.common.tls.TlsTestSupport.CLIENT;
import static dev.rshell.common.tls.TlsTestSupport.SERVER;
import static dev.rshell.common.tls.TlsTestSupport.connect;
import static dev.rshell.common.tls.TlsTestSupport.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.TlsTestSupport.EchoServer;
import dev.rshell.common.tls.TlsTestSupport.Served;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real handshakes over loopback between the contexts {@link TlsContexts} builds. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TlsHandshakeTest {

    private static final List<String> TLS13 = TlsContexts.protocols(false);
    private static final List<String> TLS13_12 = TlsContexts.protocols(true);

    private static EchoServer server(List<String> protocols, ClientAuth auth) throws IOException {
        return new EchoServer(TlsContexts.server(SERVER, TrustSpec.anyValidCertificate()),
                TlsContexts.serverParameters(protocols, auth));
    }

    private static SSLContext pinnedClient(Optional<KeyMaterial> identity) {
        return TlsContexts.client(PinningTrustManager.pinned(SERVER.fingerprint()), identity);
    }

    private static SSLParameters clientParams(List<String> protocols) {
        return TlsContexts.clientParameters(protocols, "127.0.0.1", false);
    }

    private static Throwable serverFailure(Future<Served> served) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> served.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void tls13HandshakeWithAcceptedHostKeyCarriesData() throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        PinningTrustManager trust = new PinningTrustManager(cert -> {
            seen.set(cert);
            return HostKeyDecision.ACCEPT;
        });
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(TlsContexts.client(trust, Optional.empty()),
                    clientParams(TLS13), "127.0.0.1", server.port())) {
                assertEquals("echo hello över TLS", exchange(socket, "hello över TLS"));
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
                assertTrue(TlsContexts.cipherSuites(TLS13).contains(socket.getSession().getCipherSuite()));
            }
            assertEquals("hello över TLS", served.get(10, TimeUnit.SECONDS).line());
        }
        assertEquals(SERVER.fingerprint(), Fingerprints.sha256(seen.get()));
        assertEquals(SERVER.certificate(), trust.lastPresented().orElseThrow());
    }

    @Test
    void rejectedHostKeyFailsTheHandshakeWithARecognizableCause() throws Exception {
        PinningTrustManager trust = new PinningTrustManager(cert -> HostKeyDecision.reject("unknown host"));
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> connect(
                    TlsContexts.client(trust, Optional.empty()), clientParams(TLS13), "127.0.0.1", server.port()));
            ServerNotTrustedException cause = ServerNotTrustedException.findIn(e).orElseThrow();
            assertEquals(SERVER.fingerprint(), cause.fingerprint());
            assertEquals("unknown host", cause.reason());
            assertEquals(SERVER.certificate(), cause.certificate());
            serverFailure(served); // the server sees the client's alert, not a hang
        }
    }

    @Test
    void pinnedFingerprintMismatchIsRefused() throws Exception {
        String other = CLIENT.fingerprint();
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> connect(
                    TlsContexts.client(PinningTrustManager.pinned(other), Optional.empty()),
                    clientParams(TLS13), "127.0.0.1", server.port()));
            ServerNotTrustedException cause = ServerNotTrustedException.findIn(e).orElseThrow();
            assertEquals(SERVER.fingerprint(), cause.fingerprint());
            assertEquals("expected fingerprint " + other, cause.reason());
            serverFailure(served);
        }
    }

    @Test
    void verifierThatThrowsRejectsTheServer() throws Exception {
        PinningTrustManager trust = new PinningTrustManager(cert -> {
            throw new IllegalStateException("known_hosts unreadable");
        });
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> connect(
                    TlsContexts.client(trust, Optional.empty()), clientParams(TLS13), "127.0.0.1", server.port()));
            assertTrue(ServerNotTrustedException.findIn(e).orElseThrow().reason().contains("known_hosts unreadable"));
            serverFailure(served);
        }
    }

    @Test
    void requiredClientAuthRefusesAClientWithoutCertificate() throws Exception {
        try (EchoServer server = server(TLS13, ClientAuth.REQUIRED)) {
            Future<Served> served = server.serveOne();
            // In TLS 1.3 the client may finish its side before the server's verdict arrives, so
            // the failure shows on the handshake or on the first read, as an error or EOF.
            String answer;
            try (SSLSocket socket = connect(pinnedClient(Optional.empty()), clientParams(TLS13),
                    "127.0.0.1", server.port())) {
                answer = exchange(socket, "let me in");
            } catch (IOException expected) {
                answer = null;
            }
            assertNull(answer);
            assertInstanceOf(SSLHandshakeException.class, serverFailure(served));
        }
    }

    @Test
    void requiredClientAuthAcceptsAGeneratedClientCertificate() throws Exception {
        try (EchoServer server = server(TLS13, ClientAuth.REQUIRED)) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.of(CLIENT)), clientParams(TLS13),
                    "127.0.0.1", server.port())) {
                assertEquals("echo hi", exchange(socket, "hi"));
            }
            assertEquals(CLIENT.fingerprint(), served.get(10, TimeUnit.SECONDS).peerFingerprint());
        }
    }

    @Test
    void optionalClientAuthLetsAClientWithoutCertificateIn() throws Exception {
        try (EchoServer server = server(TLS13, ClientAuth.OPTIONAL)) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.empty()), clientParams(TLS13),
                    "127.0.0.1", server.port())) {
                assertEquals("echo hi", exchange(socket, "hi"));
            }
            assertNull(served.get(10, TimeUnit.SECONDS).peerFingerprint());

            served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.of(CLIENT)), clientParams(TLS13),
                    "127.0.0.1", server.port())) {
                assertEquals("echo hi", exchange(socket, "hi"));
            }
            assertEquals(CLIENT.fingerprint(), served.get(10, TimeUnit.SECONDS).peerFingerprint());
        }
    }

    @Test
    void tls12ClientFailsAgainstTheDefaultServer() throws Exception {
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            assertThrows(SSLHandshakeException.class, () -> connect(pinnedClient(Optional.empty()),
                    clientParams(List.of(TlsContexts.TLS_1_2)), "127.0.0.1", server.port()));
            serverFailure(served);
        }
    }

    @Test
    void aTls12ClientCannotRenegotiate() throws Exception {
        SSLContext context = TlsContexts.server(SERVER, TrustSpec.anyValidCertificate());
        ExecutorService serverThread = Executors.newSingleThreadExecutor();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Echoes every line, so only a refused renegotiation can stop the second answer.
            serverThread.submit(() -> {
                try (Socket plain = listener.accept();
                     SSLSocket tls = (SSLSocket) context.getSocketFactory()
                             .createSocket(plain, "127.0.0.1", plain.getPort(), true)) {
                    plain.setSoTimeout(10_000);
                    tls.setUseClientMode(false);
                    tls.setSSLParameters(TlsContexts.serverParameters(TLS13_12, ClientAuth.NONE));
                    BufferedReader in = new BufferedReader(new InputStreamReader(tls.getInputStream(),
                            StandardCharsets.UTF_8));
                    for (String line; (line = in.readLine()) != null; ) {
                        tls.getOutputStream().write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                        tls.getOutputStream().flush();
                    }
                }
                return null;
            });
            try (SSLSocket socket = connect(pinnedClient(Optional.empty()),
                    clientParams(List.of(TlsContexts.TLS_1_2)), "127.0.0.1", listener.getLocalPort())) {
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
                socket.getOutputStream().write("first\n".getBytes(StandardCharsets.UTF_8));
                assertEquals("echo first", in.readLine());
                assertThrows(IOException.class, () -> {
                    socket.startHandshake(); // a client-initiated renegotiation
                    socket.getOutputStream().write("second\n".getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    if (in.readLine() == null) {
                        throw new IOException("closed");
                    }
                }, "the server answered after a client-initiated renegotiation");
            }
        } finally {
            serverThread.shutdownNow();
            assertTrue(serverThread.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void tls12WorksWhenAllowedAndUsesOnlyEcdheAead() throws Exception {
        try (EchoServer server = server(TLS13_12, ClientAuth.REQUIRED)) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.of(CLIENT)),
                    clientParams(List.of(TlsContexts.TLS_1_2)), "127.0.0.1", server.port())) {
                assertEquals("echo old", exchange(socket, "old"));
                assertEquals("TLSv1.2", socket.getSession().getProtocol());
                String suite = socket.getSession().getCipherSuite();
                assertTrue(suite.startsWith("TLS_ECDHE_ECDSA_WITH_") && (suite.contains("_GCM_")
                        || suite.contains("CHACHA20_POLY1305")), suite);
            }
            assertEquals(CLIENT.fingerprint(), served.get(10, TimeUnit.SECONDS).peerFingerprint());

            // A client that can do both still gets 1.3 from a server that allows 1.2.
            served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.of(CLIENT)), clientParams(TLS13_12),
                    "127.0.0.1", server.port())) {
                assertEquals("TLSv1.3", socket.getSession().getProtocol());
                exchange(socket, "new");
            }
            served.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void caTrustChecksTheHostName() throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("server", SERVER.certificate());
        SSLContext client = TlsContexts.client(TlsContexts.caTrustManager(trustStore), Optional.empty());
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            for (String name : List.of("127.0.0.1", "localhost", "rshell-test")) {
                Future<Served> served = server.serveOne();
                try (SSLSocket socket = connect(client, TlsContexts.clientParameters(TLS13, name, true),
                        name, server.port())) {
                    assertEquals("echo " + name, exchange(socket, name));
                }
                served.get(10, TimeUnit.SECONDS);
            }

            Future<Served> served = server.serveOne();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> connect(client,
                    TlsContexts.clientParameters(TLS13, "elsewhere.example", true), "elsewhere.example",
                    server.port()));
            assertFalse(ServerNotTrustedException.findIn(e).isPresent());
            serverFailure(served);
        }
    }

    @Test
    void caTrustRefusesAnUnknownServer() throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("other", CLIENT.certificate());
        SSLContext client = TlsContexts.client(TlsContexts.caTrustManager(trustStore), Optional.empty());
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            assertThrows(SSLHandshakeException.class, () -> connect(client,
                    TlsContexts.clientParameters(TLS13, "localhost", true), "localhost", server.port()));
            serverFailure(served);
        }
    }

    @Test
    void sniCarriesTheDnsNameOnly() throws Exception {
        try (EchoServer server = server(TLS13, ClientAuth.NONE)) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(pinnedClient(Optional.empty()),
                    TlsContexts.clientParameters(TLS13, "LocalHost.", false), "localhost", server.port())) {
                exchange(socket, "x");
            }
            ExtendedSSLSession session = (ExtendedSSLSession) served.get(10, TimeUnit.SECONDS).session();
            assertEquals(List.of(new SNIHostName("localhost")), session.getRequestedServerNames());
        }
        assertNull(TlsContexts.clientParameters(TLS13, "127.0.0.1", false).getServerNames());
        assertNull(TlsContexts.clientParameters(TLS13, "[::1]", false).getServerNames());
        assertNull(TlsContexts.clientParameters(TLS13, "lab_01", false).getServerNames());
        assertEquals(List.of(new SNIHostName("lab-01.example")),
                TlsContexts.clientParameters(TLS13, "lab-01.example", false).getServerNames());
    }
}
