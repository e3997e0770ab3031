package dev.rshell.client.bench;

import dev.rshell.common.tls.ClientAuth;
import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import dev.rshell.common.tls.TlsContexts;
import dev.rshell.common.tls.TrustSpec;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;

/**
 * The yardstick of {@code rshell bench --baseline}: a raw line server on 127.0.0.1, in the
 * bench's own process, that does the least a server of rshell's shape must do. One blocking
 * thread per connection; each line in (bytes up to LF, not decoded) gets one line out,
 * {@code end N 0} with N counting the connection's lines from 1, so the bench's client counts
 * it exactly as it counts rshell's {@code end}s. No shell, no login, no {@code hello}. Output is
 * flushed only when the input is drained (every byte read answered, and the socket's
 * {@code available()} 0 before the next blocking read), the way a fast server batches a
 * pipeline's answers, and as the raw Java echo measured it.
 *
 * <p>TLS ({@link #startTls}): the same over TLS 1.3 (and 1.2 when allowed) with a freshly
 * generated self-signed certificate ({@link SelfSignedCertificate}); {@link #fingerprint()} is
 * what the baseline client pins. The handshake runs on the connection's thread.
 *
 * <h2>Threading and shutdown</h2>
 * An acceptor thread ({@value #ACCEPTOR_NAME}) and one thread per connection
 * ({@value #CONNECTION_NAME}N), all daemons, all started by this object. {@link #close()} closes
 * the listening socket and every connection's socket, which ends every thread's blocking call,
 * then joins them all (bounded by {@value #JOIN_MILLIS} ms each): after it returns, no thread or
 * socket of the server remains. The bench closes it when its run is over, success or failure.
 *
 * <p>Thread safety: {@link #close()} is idempotent and safe from any thread.
 */
public final class BaselineEchoServer implements AutoCloseable {

    static final String ACCEPTOR_NAME = "rshell-bench-echo-acceptor";
    static final String CONNECTION_NAME = "rshell-bench-echo-";
    static final long JOIN_MILLIS = 2000;
    private static final int BUFFER = 1 << 16;
    /** The longest reply: "end ", 19 digits, " 0", LF. */
    private static final int MAX_REPLY = 4 + 19 + 3;

    private final ServerSocket listener;
    private final Optional<String> fingerprint;
    private final Thread acceptor;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private BaselineEchoServer(ServerSocket listener, Optional<String> fingerprint) {
        this.listener = listener;
        this.fingerprint = fingerprint;
        this.acceptor = new Thread(this::acceptLoop, ACCEPTOR_NAME);
        acceptor.setDaemon(true);
    }

    /** A plain server on 127.0.0.1, a free port. */
    public static BaselineEchoServer startPlain() throws IOException {
        ServerSocket s = new ServerSocket();
        return start(s, Optional.empty());
    }

    /**
     * A TLS server on 127.0.0.1, a free port, with a new self-signed certificate.
     *
     * @param allowTls12 also speak TLS 1.2 (as the client's {@code --tls12})
     */
    public static BaselineEchoServer startTls(boolean allowTls12) throws IOException {
        KeyMaterial key = SelfSignedCertificate.forServer("localhost", List.of("127.0.0.1"));
        ServerIdentity identity = ServerIdentity.of(key);
        SSLServerSocket s = (SSLServerSocket) TlsContexts.server(identity, TrustSpec.anyValidCertificate())
                .getServerSocketFactory().createServerSocket();
        s.setSSLParameters(TlsContexts.serverParameters(TlsContexts.protocols(allowTls12), ClientAuth.NONE));
        return start(s, Optional.of(identity.fingerprint()));
    }

    private static BaselineEchoServer start(ServerSocket s, Optional<String> fingerprint) throws IOException {
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        BaselineEchoServer server = new BaselineEchoServer(s, fingerprint);
        server.acceptor.start();
        return server;
    }

    /** The loopback address it listens on, as text. */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The certificate's fingerprint for a TLS server; empty for a plain one. */
    public Optional<String> fingerprint() {
        return fingerprint;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connectionCount.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            int n = connectionCount.incrementAndGet();
            Thread t = new Thread(() -> serve(socket), CONNECTION_NAME + n);
            t.setDaemon(true);
            synchronized (threads) {
                if (closed) {
                    closeQuietly(socket);
                    return;
                }
                sockets.add(socket);
                threads.add(t);
            }
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            echo(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            // The client went away or the server is closing: the connection simply ends.
        } finally {
            sockets.remove(socket);
        }
    }

    /**
     * The whole protocol: for each LF-terminated line in, {@code end N 0} out. Reads and writes
     * through its own 64 KiB arrays (what {@link BufferedInputStream} and
     * {@link java.io.BufferedOutputStream} do, without their per-byte locking), and flushes when
     * every byte read is answered and the stream has nothing more {@code available()}.
     */
    static void echo(InputStream in, OutputStream out) throws IOException {
        byte[] input = new byte[BUFFER];
        byte[] output = new byte[BUFFER];
        int pending = 0;
        long n = 0;
        while (true) {
            if (pending > 0 && in.available() == 0) {
                out.write(output, 0, pending);
                out.flush();
                pending = 0;
            }
            int read = in.read(input, 0, input.length);
            if (read < 0) {
                if (pending > 0) {
                    out.write(output, 0, pending);
                    out.flush();
                }
                return;
            }
            for (int i = 0; i < read; i++) {
                if (input[i] != '\n') {
                    continue;
                }
                if (pending > output.length - MAX_REPLY) {
                    out.write(output, 0, pending);
                    pending = 0;
                }
                n++;
                pending = endLine(n, output, pending);
            }
        }
    }

    /**
     * Writes {@code end N 0\n} into {@code buf} at {@code at} without allocating; returns the
     * index after it.
     */
    static int endLine(long n, byte[] buf, int at) {
        buf[at] = 'e';
        buf[at + 1] = 'n';
        buf[at + 2] = 'd';
        buf[at + 3] = ' ';
        int digits = 1;
        for (long v = n; v >= 10; v /= 10) {
            digits++;
        }
        long v = n;
        int first = at + 4;
        for (int i = first + digits - 1; i >= first; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        int next = first + digits;
        buf[next] = ' ';
        buf[next + 1] = '0';
        buf[next + 2] = '\n';
        return next + 3;
    }

    /** Closes the listener and every connection, and joins every thread (bounded). Idempotent. */
    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (threads) {
            if (closed) {
                return;
            }
            closed = true;
            toJoin = new ArrayList<>(threads);
        }
        closeQuietly(listener);
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        join(acceptor);
        for (Thread t : toJoin) {
            join(t);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c instanceof Socket s) {
            try {
                // An SSLSocket's close waits up to SO_TIMEOUT for the peer's close_notify.
                s.setSoTimeout(100);
            } catch (IOException ignored) {
                // already closed
            }
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort: the socket is unusable either way
        }
    }
}
