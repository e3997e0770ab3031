package dev.rshell.client.connect;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * Opens the byte stream to a server: {@link TlsTransport} by default, {@link PlainTransport}
 * with {@code --no-tls}. Nothing above this interface depends on which, because the protocol is
 * the same text either way.
 *
 * <p>Thread safety: implementations are immutable; {@code connect} is called by the main thread.
 */
@FunctionalInterface
public interface Transport {

    /**
     * Connects (and, for a secure transport, completes its handshake and verifies the server)
     * within {@code timeout} for each step.
     *
     * @return a connected socket, ready for protocol text, with no read timeout set
     * @throws IOException     when the server can't be reached in time (the caller words it)
     * @throws SessionFailure  when the transport already has the one-line reason for the user:
     *                         the server is not trusted, speaks plain TCP, failed the handshake
     */
    Socket connect(String host, int port, Duration timeout) throws IOException, SessionFailure;

    /**
     * As {@link #connect(String, int, Duration)}, marking on {@code times} when the TCP
     * connection stands; a transport with a handshake of its own overrides this to mark it
     * before the handshake starts. By default the whole connect counts as TCP.
     */
    default Socket connect(String host, int port, Duration timeout, StartupTimes times)
            throws IOException, SessionFailure {
        Socket socket = connect(host, port, timeout);
        times.mark(StartupTimes.Phase.TCP);
        return socket;
    }

    /**
     * The sentence a message adds when the server stays silent or closes before {@code hello}:
     * the likely reason as seen from this transport. Empty by default.
     */
    default String silenceHint(String authority) {
        return "";
    }
}
