package dev.rshell.client.connect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Plain TCP, for a server listener that is not TLS ({@code --no-tls}).
 *
 * <p>The socket remembers the server's first bytes ({@link FirstBytesSocket}): when they are a
 * TLS record, {@link ClientSession} says the server speaks TLS instead of reporting a garbled
 * line or a missing {@code hello}. rshell's own TLS listener answers a silent plain client with
 * a plain {@code bye} line within about a second, which the session reports as it is.
 */
public final class PlainTransport implements Transport {

    @Override
    public Socket connect(String host, int port, Duration timeout) throws IOException {
        return open(host, port, timeout);
    }

    @Override
    public String silenceHint(String authority) {
        return "; if it speaks TLS, drop --no-tls";
    }

    /** A connected {@link FirstBytesSocket} with TCP_NODELAY; TLS layers over the same kind. */
    static FirstBytesSocket open(String host, int port, Duration timeout) throws IOException {
        FirstBytesSocket socket = new FirstBytesSocket();
        try {
            // The client writes a batch of lines and flushes once; Nagle would only delay it.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), millis(timeout));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A timeout as a socket takes it: at least 1 ms, at most Integer.MAX_VALUE. */
    static int millis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
