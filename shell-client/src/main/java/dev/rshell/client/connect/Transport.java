package dev.rshell.client.connect;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens the byte stream to a server. Plain TCP is {@link PlainTransport}; the TLS issue adds a
 * transport that returns a handshaken {@code SSLSocket}, and nothing above this interface
 * changes, because the protocol is the same text either way.
 *
 * <p>Thread safety: implementations are stateless or immutable; {@code connect} is called by
 * the main thread.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Connects (and, for a secure transport, completes its handshake) within {@code timeout}.
     *
     * @return a connected socket, ready for protocol text, with no read timeout set
     * @throws IOException when the server can't be reached in time
     */
    Socket connect(String host, int port, Duration timeout) throws IOException;
}
