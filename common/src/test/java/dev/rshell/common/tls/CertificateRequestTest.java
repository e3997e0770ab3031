package dev.rshell.common.tls;

import static dev.rshell.common.tls.TlsTestSupport.SERVER;
import static dev.rshell.common.tls.TlsTestSupport.connect;
import static dev.rshell.common.tls.TlsTestSupport.exchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.TlsTestSupport.EchoServer;
import dev.rshell.common.tls.TlsTestSupport.Served;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the server's CertificateRequest offers, seen by a real client: the signature schemes a
 * client certificate may be proven with. None may use SHA-1, in TLS 1.2 as in 1.3.
 *
 * <p>The schemes are read from inside the client's handshake, by a key manager that JSSE asks
 * for a client certificate once the request has arrived.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CertificateRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {TlsContexts.TLS_1_2, TlsContexts.TLS_1_3})
    void theCertificateRequestOffersNoSha1Scheme(String protocol) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager();
        SSLContext client = SSLContext.getInstance("TLS", "SunJSSE");
        client.init(new KeyManager[] {keys},
                new TrustManager[] {PinningTrustManager.pinned(SERVER.fingerprint())}, null);
        // The server as rshell-server runs it with tls-protocols TLSv1.3,TLSv1.2 and the default
        // tls-client-auth (optional), which asks every client for a certificate.
        try (EchoServer server = new EchoServer(TlsContexts.server(SERVER, TrustSpec.anyValidCertificate()),
                TlsContexts.serverParameters(TlsContexts.protocols(true), ClientAuth.OPTIONAL))) {
            Future<Served> served = server.serveOne();
            try (SSLSocket socket = connect(client,
                    TlsContexts.clientParameters(List.of(protocol), "127.0.0.1", false),
                    "127.0.0.1", server.port())) {
                assertEquals(protocol, socket.getSession().getProtocol());
                assertEquals("echo hi", exchange(socket, "hi"));
            }
            served.get(10, TimeUnit.SECONDS);
        }
        List<String> offered = keys.offered.get();
        assertNotNull(offered, "the server sent no CertificateRequest");
        // JSSE names them as JCA signature algorithms (SHA256withECDSA, SHA1withRSA, ...). The
        // scheme an EC P-256 client certificate needs shows that the observer sees the request.
        assertTrue(offered.contains("SHA256withECDSA"), offered::toString);
        assertFalse(offered.stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("sha1")),
                () -> "SHA-1 schemes offered in " + protocol + ": " + offered);
    }

    /**
     * Has no certificate to give; records the schemes of the request it is asked about.
     *
     * <p>Thread safety: called on the handshaking thread, read by the test afterwards.
     */
    private static final class RecordingKeyManager extends X509ExtendedKeyManager {
        final AtomicReference<List<String>> offered = new AtomicReference<>();

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            ExtendedSSLSession handshake = (ExtendedSSLSession) ((SSLSocket) socket).getHandshakeSession();
            offered.set(List.of(handshake.getPeerSupportedSignatureAlgorithms()));
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            throw new UnsupportedOperationException("the test uses sockets");
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
