package dev.rshell.client.interactive;

import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.Transport;
import dev.rshell.common.protocol.ClientLine;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link Transport} decorator that watches the protocol text of one connection from below
 * the {@code connect} package, for the two things {@link dev.rshell.client.connect.ClientSession}
 * does not hand on: who the session logged in as ({@code ok logged in as USER (ROLE)}, or
 * {@code hello ... user=USER} for a certificate login) and, in batch mode, the {@code ok pong}
 * answers to the pings that {@link WireKeepalive} writes between whole lines.
 *
 * <p>It is a stop-gap: both belong in {@code connect} (a login-result accessor on the session,
 * keepalive on the connection). The socket it returns delegates everything the connection uses
 * and copies what it reads into a small line scanner (at most {@value #KEPT} bytes of each
 * line are looked at; the rest is passed through untouched).
 *
 * <p>Wrapping the socket hides the plain transport's own socket type, which the session uses to
 * word "speaks TLS: drop --no-tls"; {@link #explain} restores that message from the first byte
 * seen here.
 *
 * <p>Thread safety: the scanner runs on the connection's reader thread (the only reader);
 * what it found is published through volatile fields. {@link #inject} may be called from any
 * thread: it and the connection's own writes are serialized on the output stream, and the
 * connection's {@code LineWriter} only ever writes whole lines, so an injected line never
 * lands inside another.
 */
final class WireTap implements Transport {

    /** Bytes of each server line the scanner keeps: enough for the login reply. */
    static final int KEPT = 512;

    private static final Pattern LOGIN_REPLY = Pattern.compile("ok logged in as (\\S+) \\((.+)\\)");

    private final Transport inner;
    private final Runnable onPong;
    private volatile TappedSocket socket;
    private volatile boolean sawHello;
    private volatile boolean loggedIn;
    private volatile String user;
    private volatile String role;
    private volatile int firstByte = -1;
    private volatile boolean sawLine;
    private volatile boolean ended;

    /**
     * @param onPong called on the reader thread for every {@code ok pong} after login (may be
     *               a no-op)
     */
    WireTap(Transport inner, Runnable onPong) {
        this.inner = inner;
        this.onPong = onPong;
    }

    /** The spec to open the session with: {@code spec} with this tap as its transport. */
    SessionSpec spec(SessionSpec spec) {
        return new SessionSpec(this, spec.host(), spec.port(), spec.user(), spec.userGiven(), spec.password(),
                spec.timeout());
    }

    @Override
    public Socket connect(String host, int port, Duration timeout) throws IOException, SessionFailure {
        TappedSocket s = new TappedSocket(inner.connect(host, port, timeout));
        socket = s;
        return s;
    }

    @Override
    public String silenceHint(String authority) {
        return inner.silenceHint(authority);
    }

    /** True once the session is logged in (login reply or certificate hello seen). */
    boolean loggedIn() {
        return loggedIn;
    }

    /** The user of a certificate login ({@code hello ... user=USER}), else the login reply's; or null. */
    String user() {
        return user;
    }

    /** The role from {@code ok logged in as USER (ROLE)}; null when none was seen. */
    String role() {
        return role;
    }

    /** True once the connection's input ended or the socket was closed. */
    boolean ended() {
        return ended;
    }

    /**
     * The failure's message, or "AUTHORITY speaks TLS: drop --no-tls" when the very first byte
     * was a TLS record and no line came, as the plain transport's own socket would have said.
     */
    String explain(String authority, String message) {
        int b = firstByte;
        if (!sawLine && (b == 0x15 || b == 0x16)) {
            return authority + " speaks TLS: drop --no-tls";
        }
        return message;
    }

    /**
     * Writes one whole line (plus LF) to the server between the connection's own lines.
     *
     * @return false when there is no open connection to write to
     */
    boolean inject(ClientLine.Sendable line) throws IOException {
        TappedSocket s = socket;
        if (s == null || ended) {
            return false;
        }
        s.out.inject((line.toWire() + "\n").getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** Closes the socket (unblocking the connection's reader and writers). */
    void closeSocket() {
        TappedSocket s = socket;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the socket is unusable either way
            }
        }
    }

    private void line(String text) {
        sawLine = true;
        if (!sawHello) {
            if (text.startsWith("hello ")) {
                sawHello = true;
                int at = text.indexOf(" user=");
                if (at >= 0) {
                    user = text.substring(at + " user=".length()).split(" ", 2)[0];
                    loggedIn = true;
                }
            }
            return;
        }
        if (!loggedIn) {
            if (text.startsWith("ok")) {
                Matcher m = LOGIN_REPLY.matcher(text);
                if (m.matches()) {
                    user = m.group(1);
                    role = m.group(2);
                }
                loggedIn = true;
            }
            return;
        }
        if (text.equals("ok pong") || text.startsWith("ok pong ")) {
            onPong.run();
        }
    }

    /** Collects the first {@value #KEPT} bytes of each line; reader thread only. */
    private final class Scanner {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        void bytes(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (firstByte < 0) {
                    firstByte = b[i] & 0xff;
                }
                if (b[i] == '\n') {
                    String text = current.toString(StandardCharsets.UTF_8);
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    current.reset();
                    line(text);
                } else if (current.size() < KEPT) {
                    current.write(b[i]);
                }
            }
        }
    }

    private final class TapIn extends FilterInputStream {
        private final Scanner scanner = new Scanner();

        TapIn(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c < 0) {
                ended = true;
            } else {
                scanner.bytes(new byte[] {(byte) c}, 0, 1);
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (IOException e) {
                ended = true;
                throw e;
            }
            if (n < 0) {
                ended = true;
            } else {
                scanner.bytes(b, off, n);
            }
            return n;
        }
    }

    /** Serializes the connection's whole-line writes with injected lines. */
    private static final class TapOut extends FilterOutputStream {
        TapOut(OutputStream out) {
            super(out);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        synchronized void inject(byte[] line) throws IOException {
            out.write(line);
            out.flush();
        }
    }

    /** The connected socket with tapped streams; everything else is delegated. */
    private final class TappedSocket extends Socket {
        private final Socket inner;
        private final TapIn in;
        private final TapOut out;

        TappedSocket(Socket inner) throws IOException {
            this.inner = inner;
            this.in = new TapIn(inner.getInputStream());
            this.out = new TapOut(inner.getOutputStream());
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public synchronized void close() throws IOException {
            ended = true;
            inner.close();
        }

        @Override
        public boolean isClosed() {
            return inner.isClosed();
        }

        @Override
        public boolean isConnected() {
            return inner.isConnected();
        }

        @Override
        public boolean isBound() {
            return inner.isBound();
        }

        @Override
        public void shutdownInput() throws IOException {
            inner.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            inner.shutdownOutput();
        }

        @Override
        public boolean isInputShutdown() {
            return inner.isInputShutdown();
        }

        @Override
        public boolean isOutputShutdown() {
            return inner.isOutputShutdown();
        }

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            inner.setSoTimeout(timeout);
        }

        @Override
        public synchronized int getSoTimeout() throws SocketException {
            return inner.getSoTimeout();
        }

        @Override
        public void setTcpNoDelay(boolean on) throws SocketException {
            inner.setTcpNoDelay(on);
        }

        @Override
        public boolean getTcpNoDelay() throws SocketException {
            return inner.getTcpNoDelay();
        }

        @Override
        public InetAddress getInetAddress() {
            return inner.getInetAddress();
        }

        @Override
        public InetAddress getLocalAddress() {
            return inner.getLocalAddress();
        }

        @Override
        public int getPort() {
            return inner.getPort();
        }

        @Override
        public int getLocalPort() {
            return inner.getLocalPort();
        }

        @Override
        public SocketAddress getRemoteSocketAddress() {
            return inner.getRemoteSocketAddress();
        }

        @Override
        public SocketAddress getLocalSocketAddress() {
            return inner.getLocalSocketAddress();
        }

        @Override
        public String toString() {
            return "tapped " + inner;
        }
    }
}
