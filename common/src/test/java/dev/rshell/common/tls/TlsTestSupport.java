package dev.rshell.common.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Shared fixtures: one generated server identity, a loopback echo server, a client connector. */
final class TlsTestSupport {

    /** Generating keys is cheap, but one identity for all tests keeps fingerprints comparable. */
    static final ServerIdentity SERVER = ServerIdentity.of(
            SelfSignedCertificate.forServer("rshell-test", List.of("127.0.0.1", "localhost", "::1")));
    static final KeyMaterial CLIENT = SelfSignedCertificate.forClient("alice@test");
    static final int IO_TIMEOUT_MS = 5000;

    private TlsTestSupport() {
    }

    /** What the server side of one connection saw. */
    record Served(SSLSession session, String line) {
        /** The client certificate's fingerprint, or null when the client sent none. */
        String peerFingerprint() {
            try {
                return Fingerprints.sha256((X509Certificate) session.getPeerCertificates()[0]);
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                return null;
            }
        }
    }

    /**
     * A TLS server on 127.0.0.1, port 0, on one named thread: each {@link #serveOne()} accepts a
     * connection, handshakes, reads one line and answers {@code echo LINE}.
     */
    static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener;
        private final SSLContext context;
        private final SSLParameters params;
        private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tls-test-server");
            t.setDaemon(true);
            return t;
        });

        EchoServer(SSLContext context, SSLParameters params) throws IOException {
            this.context = context;
            this.params = params;
            this.listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        int port() {
            return listener.getLocalPort();
        }

        /** Accepts and serves one connection; the future fails with the server's handshake error. */
        Future<Served> serveOne() {
            return thread.submit(() -> {
                try (Socket plain = listener.accept()) {
                    plain.setSoTimeout(IO_TIMEOUT_MS);
                    SSLSocket tls = (SSLSocket) context.getSocketFactory()
                            .createSocket(plain, "127.0.0.1", plain.getPort(), true);
                    tls.setUseClientMode(false);
                    tls.setSSLParameters(params);
                    try (tls) {
                        tls.startHandshake();
                        BufferedReader in = new BufferedReader(
                                new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8));
                        String line = in.readLine();
                        OutputStream out = tls.getOutputStream();
                        out.write(("echo " + line + "\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        return new Served(tls.getSession(), line);
                    }
                }
            });
        }

        @Override
        public void close() throws IOException {
            listener.close();
            thread.shutdownNow();
            try {
                if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test server thread did not stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Connects to 127.0.0.1:port, layering TLS with {@code hostName} as the name the client
     * believes it contacts, and completes the handshake. The caller closes the socket.
     */
    static SSLSocket connect(SSLContext context, SSLParameters params, String hostName, int port)
            throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), IO_TIMEOUT_MS);
            plain.setSoTimeout(IO_TIMEOUT_MS);
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, hostName, port, true);
            tls.setSSLParameters(params);
            try {
                tls.startHandshake();
            } catch (IOException e) {
                tls.close();
                throw e;
            }
            return tls;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** Sends one line and returns the server's answer (null at end of stream). */
    static String exchange(SSLSocket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }
}
