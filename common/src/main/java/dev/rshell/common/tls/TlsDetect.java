package dev.rshell.common.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Tells a TLS client from a plain one by the first byte it sends, so that a TLS listener can
 * answer a plain client ({@code nc}, {@code rshell --no-tls}) with a readable line instead of
 * leaving it hanging on bytes it cannot decode.
 *
 * <p>How the server uses it, on the connection's own thread (never the acceptor's):
 * <ol>
 *   <li>{@link #readFirstByte(Socket, Duration)} with {@link #FIRST_BYTE_TIMEOUT}. A TLS client
 *       speaks first, with a ClientHello, whose record starts with {@code 0x16}; a plain rshell
 *       client waits for {@code hello} and sends nothing.</li>
 *   <li>{@link FirstByte.Received} with {@link FirstByte.Received#isTls()}: hand the byte back
 *       with {@link #layerServerSocket} and run the handshake (under its own time limit).</li>
 *   <li>Anything else (other bytes, silence, or end of stream): write, in plain text,
 *       {@code bye this server speaks TLS; connect with TLS (rshell without --no-tls, or
 *       openssl s_client)} and close. The plain client prints that line and fails at once.</li>
 * </ol>
 * A plain listener has the opposite problem: a TLS client's ClientHello arrives where a line is
 * expected, and whatever the server writes back is to that client a malformed TLS record, which
 * JSSE reports as an {@link javax.net.ssl.SSLException} right away. So the TLS client, not the
 * server, names the mismatch there ("the server does not speak TLS; try --no-tls").
 *
 * <p>Thread safety: stateless; each call works on the socket it is given.
 */
public final class TlsDetect {

    /** The TLS record type of a handshake message (RFC 8446 section 5.1): a ClientHello's first byte. */
    public static final int HANDSHAKE_RECORD = 0x16;

    /**
     * How long the server waits for a client's first byte before deciding it is a plain client.
     * A TLS client sends its ClientHello as soon as it connects, so a second is ample even over a
     * slow link, and short enough that a plain client gets its answer quickly.
     */
    public static final Duration FIRST_BYTE_TIMEOUT = Duration.ofSeconds(1);

    private TlsDetect() {
    }

    /** Whether a connection whose first byte is {@code firstByte} (0–255) is starting a TLS handshake. */
    public static boolean looksLikeTlsHandshake(int firstByte) {
        return firstByte == HANDSHAKE_RECORD;
    }

    /**
     * What a client sent first, or that it sent nothing.
     */
    public sealed interface FirstByte {
        /** The client sent a byte (0–255), now consumed from the socket. */
        record Received(int value) implements FirstByte {
            /** Whether it starts a TLS handshake. */
            public boolean isTls() {
                return looksLikeTlsHandshake(value);
            }
        }

        /** Nothing arrived within the timeout: a plain client waiting for {@code hello}. */
        record Silent() implements FirstByte {
        }

        /** The client closed the connection without sending anything. */
        record Closed() implements FirstByte {
        }
    }

    /**
     * Reads the first byte with a time limit; the socket's previous read timeout is restored.
     *
     * @throws IOException as reading the socket throws it, other than the timeout
     */
    public static FirstByte readFirstByte(Socket socket, Duration timeout) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        try {
            int b = socket.getInputStream().read();
            return b < 0 ? new FirstByte.Closed() : new FirstByte.Received(b);
        } catch (SocketTimeoutException e) {
            return new FirstByte.Silent();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(previous);
            }
        }
    }

    /**
     * A server-mode TLS socket over {@code plain} that first replays the byte
     * {@link #readFirstByte} consumed, with {@code params} applied. The caller starts the
     * handshake; closing the TLS socket closes {@code plain}.
     */
    public static SSLSocket layerServerSocket(SSLContext context, Socket plain, int firstByte, SSLParameters params)
            throws IOException {
        InputStream consumed = new ByteArrayInputStream(new byte[] {(byte) firstByte});
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, consumed, true);
        tls.setSSLParameters(params);
        return tls;
    }
}
