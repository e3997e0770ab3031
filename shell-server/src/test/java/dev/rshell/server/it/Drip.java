package dev.rshell.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A peer that sends one byte at a time with a pause between bytes, as a slow-loris attacker
 * does, and notices when the server ends the connection.
 */
final class Drip {

    /** What became of a drip. */
    record Result(boolean closedByServer, int bytesSent, long millis, String received) {
    }

    private Drip() {
    }

    /**
     * Sends {@code bytes} one by one, {@code pauseMillis} apart (at most {@code maxBytes} of
     * them), reading between bytes; stops when the server ends the connection.
     */
    static Result drip(Socket socket, byte[] bytes, int maxBytes, int pauseMillis) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(pauseMillis);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        StringBuilder received = new StringBuilder();
        byte[] buffer = new byte[4096];
        int sent = 0;
        while (sent < Math.min(maxBytes, bytes.length)) {
            try {
                out.write(bytes[sent]);
                out.flush();
                sent++;
            } catch (IOException e) {
                return new Result(true, sent, elapsed(start), received.toString());
            }
            try {
                int n = in.read(buffer); // doubles as the pause: waits pauseMillis for data
                if (n < 0) {
                    return new Result(true, sent, elapsed(start), received.toString());
                }
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            } catch (SocketTimeoutException e) {
                // still open: next byte
            } catch (IOException e) {
                return new Result(true, sent, elapsed(start), received.toString());
            }
        }
        return new Result(false, sent, elapsed(start), received.toString());
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** The bytes of a real TLS 1.3 ClientHello, as the JDK's client would send it. */
    static byte[] clientHello() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult result = engine.wrap(ByteBuffer.allocate(0), out);
        if (result.bytesProduced() == 0) {
            throw new IllegalStateException("no ClientHello produced: " + result);
        }
        out.flip();
        byte[] hello = new byte[out.remaining()];
        out.get(hello);
        return hello;
    }
}
