package dev.rshell.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TlsDetectTest {

    private ServerSocket listener;

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
    }

    private Socket dial() throws Exception {
        return new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    @Test
    void onlyTheHandshakeRecordTypeLooksLikeTls() {
        assertTrue(TlsDetect.looksLikeTlsHandshake(0x16));
        for (int b : new int[] {0x15, 0x17, ':', 'h', 0, 0xff, -1}) {
            assertFalse(TlsDetect.looksLikeTlsHandshake(b), Integer.toString(b));
        }
    }

    @Test
    void plainClientBytesAreSeenAsPlain() throws Exception {
        try (Socket client = dial(); Socket server = listener.accept()) {
            client.getOutputStream().write(":login alice pw\n".getBytes(StandardCharsets.UTF_8));
            TlsDetect.FirstByte first = TlsDetect.readFirstByte(server, TlsDetect.FIRST_BYTE_TIMEOUT);
            assertEquals(new TlsDetect.FirstByte.Received(':'), first);
            assertFalse(((TlsDetect.FirstByte.Received) first).isTls());
        }
    }

    @Test
    void silentClientIsReportedAfterTheTimeoutAndTheOldTimeoutComesBack() throws Exception {
        try (Socket silentClient = dial(); Socket server = listener.accept()) {
            assertTrue(silentClient.isConnected());
            server.setSoTimeout(7000);
            long start = System.nanoTime();
            assertInstanceOf(TlsDetect.FirstByte.Silent.class,
                    TlsDetect.readFirstByte(server, Duration.ofMillis(200)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 150 && millis < 5000, millis + " ms");
            assertEquals(7000, server.getSoTimeout());
        }
    }

    @Test
    void closedClientIsReported() throws Exception {
        dial().close();
        try (Socket server = listener.accept()) {
            assertInstanceOf(TlsDetect.FirstByte.Closed.class,
                    TlsDetect.readFirstByte(server, TlsDetect.FIRST_BYTE_TIMEOUT));
        }
    }

    @Test
    void tlsClientIsDetectedAndTheConsumedByteIsReplayed() throws Exception {
        List<String> tls13 = TlsContexts.protocols(false);
        CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> {
            try (SSLSocket socket = TlsTestSupport.connect(
                    TlsContexts.client(PinningTrustManager.pinned(TlsTestSupport.SERVER.fingerprint()), Optional.empty()),
                    TlsContexts.clientParameters(tls13, "localhost", false), "localhost", listener.getLocalPort())) {
                return TlsTestSupport.exchange(socket, "over tls");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try (Socket plain = listener.accept()) {
            plain.setSoTimeout(TlsTestSupport.IO_TIMEOUT_MS);
            TlsDetect.FirstByte first = TlsDetect.readFirstByte(plain, TlsDetect.FIRST_BYTE_TIMEOUT);
            assertTrue(first instanceof TlsDetect.FirstByte.Received r && r.isTls(), first.toString());
            try (SSLSocket tls = TlsDetect.layerServerSocket(
                    TlsContexts.server(TlsTestSupport.SERVER, TrustSpec.anyValidCertificate()), plain,
                    ((TlsDetect.FirstByte.Received) first).value(),
                    TlsContexts.serverParameters(tls13, ClientAuth.NONE))) {
                tls.startHandshake();
                String line = new BufferedReader(new InputStreamReader(tls.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                OutputStream out = tls.getOutputStream();
                out.write(("got " + line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        // Only now: the client's close waits for the server's close_notify.
        assertEquals("got over tls", client.get(10, TimeUnit.SECONDS));
    }
}
