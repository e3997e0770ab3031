package dev.rshell.client.connect;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Plain TCP, for a server listener that is not TLS ({@code --no-tls}). */
public final class PlainTransport implements Transport {

    @Override
    public Socket connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            // The client writes a batch of lines and flushes once; Nagle would only delay it.
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE,
                    Math.max(1, timeout.toMillis())));
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
