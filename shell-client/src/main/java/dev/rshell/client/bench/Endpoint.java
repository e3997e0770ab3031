package dev.rshell.client.bench;

import dev.rshell.client.connect.ClientSession;
import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.Target;
import dev.rshell.client.connect.Transport;
import dev.rshell.common.protocol.ClientLine;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Where a load client connects: an rshell server (connect, {@code hello}, login:
 * {@link #rshell}) or the in-process baseline echo server (connect only: {@link #echo}). Both
 * hand the server's lines to the same {@link ServerListener} through a
 * {@link Connection}'s reader thread, so the one client code measures both.
 *
 * <p>Thread safety: implementations are immutable; {@link #open} may be called from several
 * threads at once as long as the transport's trust allows it (see {@link PinFirstTrust}).
 */
interface Endpoint {

    /** {@code host:port}, for messages. */
    String authority();

    /**
     * Opens one connection whose reader thread hands every line to {@code listener}.
     *
     * @throws SessionFailure with a one-line reason; nothing is left open
     */
    default LoadChannel open(ServerListener listener) throws SessionFailure {
        return open(listener, Connection.PLATFORM_READERS);
    }

    /** As {@link #open(ServerListener)}, with the reader thread made by {@code readers}. */
    LoadChannel open(ServerListener listener, ThreadFactory readers) throws SessionFailure;

    /** A logged-in rshell session per connection. */
    static Endpoint rshell(SessionSpec spec) {
        return new Endpoint() {
            @Override
            public String authority() {
                return spec.authority();
            }

            @Override
            public LoadChannel open(ServerListener listener, ThreadFactory readers) throws SessionFailure {
                ClientSession session = ClientSession.open(spec, listener, readers);
                return new LoadChannel() {
                    @Override
                    public void send(ClientLine.Sendable line) throws IOException {
                        session.send(line);
                    }

                    @Override
                    public void flush() throws IOException {
                        session.flush();
                    }

                    @Override
                    public boolean quit() throws IOException {
                        session.quit();
                        return true;
                    }

                    @Override
                    public void close() {
                        session.close();
                    }
                };
            }
        };
    }

    /** A bare connection to a line server that needs no hello or login (the baseline). */
    static Endpoint echo(Transport transport, String host, int port, Duration timeout) {
        return new Endpoint() {
            @Override
            public String authority() {
                return Target.authority(host, port);
            }

            @Override
            public LoadChannel open(ServerListener listener, ThreadFactory readers) throws SessionFailure {
                Socket socket;
                try {
                    socket = transport.connect(host, port, timeout);
                } catch (IOException e) {
                    throw new SessionFailure("can't connect to the baseline server " + authority() + ": "
                            + Connection.describe(e));
                }
                Connection connection;
                try {
                    connection = Connection.open(socket, listener, readers);
                } catch (IOException e) {
                    throw new SessionFailure("can't use the connection to the baseline server " + authority()
                            + ": " + Connection.describe(e));
                }
                return new LoadChannel() {
                    @Override
                    public void send(ClientLine.Sendable line) throws IOException {
                        connection.send(line);
                    }

                    @Override
                    public void flush() throws IOException {
                        connection.flush();
                    }

                    @Override
                    public boolean quit() {
                        return false; // the echo server has no :quit; closing is the end
                    }

                    @Override
                    public void close() {
                        connection.close();
                    }
                };
            }
        };
    }

    /** The writing side of one open connection; its reading side is the listener's. */
    interface LoadChannel extends AutoCloseable {

        /** Buffers one line. */
        void send(ClientLine.Sendable line) throws IOException;

        /** Writes the buffered lines to the socket. */
        void flush() throws IOException;

        /**
         * Asks the server to close once every command sent has ended (rshell's {@code :quit}).
         *
         * @return whether the server will close the connection (false: just close it)
         */
        boolean quit() throws IOException;

        /** Closes the socket and waits (bounded) for the reader thread. Idempotent. */
        @Override
        void close();
    }
}
