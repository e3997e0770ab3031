package dev.rshell.server.net;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.server.session.Session;
import dev.rshell.server.session.SessionRegistry;
import dev.rshell.server.session.SessionServices;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executor;
import dev.rshell.server.audit.AuditEvent;

/**
 * Accepts connections and hands each to a {@link Session}, which starts on the startup pool.
 *
 * <p>Threading: runs on its own named thread and blocks only in {@code accept()}; nothing
 * slow (handshake, login) happens here. A connection past {@code max-sessions} gets
 * {@code bye busy} and is closed at once: the line fits an empty socket send buffer, so that
 * write never blocks. When the {@code max-startups} places are all taken, admission may drop
 * another connection not logged in yet to make room ({@code StartupEviction}); that too only
 * cuts the dropped socket's input here, and its own thread tears it down. Closing the server
 * socket ({@link #close()}) ends the loop.
 */
public final class Acceptor implements Runnable {

    private final ServerSocket serverSocket;
    private final SessionServices services;
    private final Executor startups;
    private final Executor readers;
    private final Executor refusals;

    /**
     * @param serverSocket bound and listening
     * @param services     what sessions share (its registry admits connections)
     * @param startups     runs each session's startup: TLS handshake, hello, login
     * @param readers      runs each logged-in session's reader
     * @param refusals     runs the TLS handshakes needed to refuse TLS clients (bounded)
     */
    public Acceptor(ServerSocket serverSocket, SessionServices services, Executor startups, Executor readers,
                    Executor refusals) {
        this.refusals = refusals;
        this.serverSocket = serverSocket;
        this.services = services;
        this.startups = startups;
        this.readers = readers;
    }

    @Override
    public void run() {
        SessionRegistry registry = services.registry();
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (SocketException e) {
                return; // closed: the server is stopping
            } catch (IOException e) {
                System.err.println("rshell-server: accept failed: " + e.getMessage());
                continue;
            }
            String address = socket.getInetAddress().getHostAddress();
            SessionRegistry.Refusal refusal = registry.tryAdmit(address);
            if (refusal != null) {
                services.preLoginAudit().record(address, new AuditEvent.Refused(Instant.now(), address, refusal.bye()));
                if (services.tls() == null) {
                    refuse(socket, refusal.bye());
                } else {
                    refuseOverTls(socket, refusal.bye());
                }
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                new Session(registry.nextId(), socket, services).start(startups, readers);
            } catch (IOException | RuntimeException e) {
                registry.release(address);
                closeQuietly(socket);
            }
        }
    }

    /**
     * A TLS client can only read {@code bye busy} after a handshake, which must not run on this
     * thread: a small bounded pool does it, and when that pool is full too the connection is
     * simply closed (the client reports a closed connection).
     */
    private void refuseOverTls(Socket socket, String reason) {
        try {
            refusals.execute(() -> {
                try {
                    TlsEndpoint.Outcome outcome = services.tls().secure(socket);
                    if (outcome instanceof TlsEndpoint.Outcome.Secured secured) {
                        refuse(secured.socket(), reason);
                    } else {
                        refuse(socket, reason);
                    }
                } catch (IOException e) {
                    closeQuietly(socket);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            closeQuietly(socket);
        }
    }

    private static void refuse(Socket socket, String reason) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write((new ServerLine.Bye(reason).toWire() + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (!(socket instanceof javax.net.ssl.SSLSocket)) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // the client left already; nothing to tell it
        }
    }

    /** Stops accepting; sessions already running go on. */
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
