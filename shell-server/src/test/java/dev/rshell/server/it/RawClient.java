package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.codec.LineReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A protocol client made of a socket and text, as a script or {@code nc} would be. */
final class RawClient implements AutoCloseable {

    final Socket socket;
    private final LineReader reader;
    private final OutputStream out;

    private RawClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        reader = new LineReader(socket.getInputStream(), 1 << 20);
        out = socket.getOutputStream();
    }

    /** A TLS client pinned to {@code fingerprint}, presenting {@code identity} when given. */
    static RawClient tls(InetSocketAddress address, String fingerprint,
                         java.util.Optional<dev.rshell.common.tls.KeyMaterial> identity) throws IOException {
        javax.net.ssl.SSLContext context = dev.rshell.common.tls.TlsContexts.client(
                dev.rshell.common.tls.PinningTrustManager.pinned(fingerprint), identity);
        Socket plain = new Socket();
        plain.connect(address, 5000);
        javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) context.getSocketFactory()
                .createSocket(plain, address.getHostString(), address.getPort(), true);
        tls.setSoTimeout(10_000);
        tls.startHandshake();
        return new RawClient(tls);
    }

    RawClient(InetSocketAddress address) throws IOException {
        this(address, null);
    }

    RawClient(InetSocketAddress address, String localAddress) throws IOException {
        socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(address, 5000);
        socket.setSoTimeout(10_000);
        reader = new LineReader(socket.getInputStream(), 1 << 20);
        out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next line, or null at end of stream; fails the test after 10 s of silence. */
    String line() throws IOException {
        try {
            LineReader.Line l = reader.readLine();
            return l == null ? null : l.text();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the server within 10 s", e);
        }
    }

    void expect(String expected) throws IOException {
        assertEquals(expected, line());
    }

    String expectPrefix(String prefix) throws IOException {
        String l = line();
        assertNotNull(l, "connection ended; expected a line starting with " + prefix);
        assertTrue(l.startsWith(prefix), "expected a line starting with '" + prefix + "' but got '" + l + "'");
        return l;
    }

    /** Every line up to and including the one equal to {@code last}. */
    List<String> until(String last) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            assertNotNull(l, "connection ended before '" + last + "'; got " + lines);
            lines.add(l);
            if (l.equals(last)) {
                return lines;
            }
        }
    }

    /** Reads until the server closes; answers the lines. */
    List<String> rest() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = line(); l != null; l = line()) {
            lines.add(l);
        }
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
