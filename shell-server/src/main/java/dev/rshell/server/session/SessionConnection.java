package dev.rshell.server.session;

import dev.rshell.server.net.TlsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * The socket under a session: plain TCP, or TLS layered on it by {@link #establish}; and the
 * way a connection is ended so that its last lines arrive (half-close where TCP allows it,
 * then a bounded drain of what the client still sends, then close).
 *
 * <p>Thread safety: {@link #establish} runs once on the reader thread before any other use;
 * afterwards the streams are used by their owners (input: the reader; output: the outbox), and
 * {@link #close()} may be called from any thread, any number of times.
 */
final class SessionConnection {

    /** The connection could not be set up; {@code bye} is plain text to send first, or null. */
    static final class NotServed extends Exception {
        final transient String bye;

        NotServed(String reason, String bye) {
            super(reason, null, false, false);
            this.bye = bye;
        }
    }

    private final Socket raw;
    private final TlsEndpoint tls;
    private final Runnable onFirstByte;
    private volatile Socket socket;

    /**
     * @param onFirstByte told once, on the thread reading, when the client's first byte
     *                    arrives (admission ranks connections by how far they got)
     */
    SessionConnection(Socket raw, TlsEndpoint tls, Runnable onFirstByte) {
        this.raw = raw;
        this.tls = tls;
        this.onFirstByte = onFirstByte;
        this.socket = raw;
    }

    String address() {
        return raw.getInetAddress().getHostAddress();
    }

    /** The accepted TCP socket, under TLS if any. */
    Socket raw() {
        return raw;
    }

    java.net.InetAddress inetAddress() {
        return raw.getInetAddress();
    }

    /**
     * Makes the connection ready for protocol lines: nothing to do for plain TCP; for TLS the
     * first-byte check and the handshake.
     *
     * @return the client certificate's fingerprint, when TLS brought one
     * @throws NotServed when the client can't be served (wrong protocol, failed handshake)
     */
    Optional<String> establish() throws IOException, NotServed {
        if (tls == null) {
            return Optional.empty();
        }
        TlsEndpoint.Outcome outcome = tls.secure(raw, onFirstByte);
        if (outcome instanceof TlsEndpoint.Outcome.Secured secured) {
            socket = secured.socket();
            return secured.clientFingerprint();
        }
        if (outcome instanceof TlsEndpoint.Outcome.NotTls notTls) {
            throw new NotServed("client does not speak TLS", notTls.bye());
        }
        throw new NotServed(((TlsEndpoint.Outcome.Failed) outcome).reason(), null);
    }

    /** Writes one plain-text line straight to the raw socket (for clients we won't serve). */
    void writePlain(String line) {
        try {
            OutputStream out = raw.getOutputStream();
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client is gone; nothing more to tell it
        }
    }

    /** The stream of protocol lines (call once); plain TCP reports its first byte. */
    InputStream input() throws IOException {
        Socket s = socket;
        return s instanceof SSLSocket ? s.getInputStream() : new FirstByteSignal(s.getInputStream(), onFirstByte);
    }

    /**
     * Runs a task once, when the first byte has been read. Read by one thread at a time (the
     * startup thread, then the reader it hands over to), so the field needs no lock.
     */
    private static final class FirstByteSignal extends java.io.FilterInputStream {
        private Runnable pending;

        FirstByteSignal(InputStream in, Runnable onFirstByte) {
            super(in);
            this.pending = onFirstByte;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                signal();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                signal();
            }
            return n;
        }

        private void signal() {
            Runnable p = pending;
            if (p != null) {
                pending = null;
                p.run();
            }
        }
    }

    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    void setReadTimeout(long millis) throws IOException {
        socket.setSoTimeout((int) Math.max(0, Math.min(Integer.MAX_VALUE, millis)));
    }

    /**
     * Ends the sending side and waits, at most {@code drainMillis}, for the client to hang up,
     * reading and dropping what it still sends: closing a socket with unread bytes would reset
     * the connection and could destroy the last lines in flight to the client.
     *
     * @param onReaderThread true when the caller is the session's reader (it drains itself);
     *                       otherwise the reader is draining and {@code readerDone} tells when
     *                       it has seen the end
     */
    void halfCloseAndDrain(long drainMillis, boolean onReaderThread, CountDownLatch readerDone) {
        try {
            Socket s = socket;
            if (!(s instanceof SSLSocket) && !s.isClosed()) {
                s.shutdownOutput(); // TLS has no half-close; its close_notify comes with close()
            }
            if (onReaderThread) {
                s.setSoTimeout((int) Math.max(1, drainMillis));
                InputStream in = s.getInputStream();
                byte[] sink = new byte[1024];
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
                while (in.read(sink) >= 0 && System.nanoTime() < deadline) {
                    // dropped: only the end of the client's stream matters now
                }
            } else {
                readerDone.await(drainMillis, TimeUnit.MILLISECONDS);
            }
        } catch (IOException e) {
            // the connection is already gone: nothing left to drain
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Cuts the connection at once, without the TLS goodbye: for a client that stopped reading,
     * whose stalled write would also stall a TLS close_notify. Closing the TCP socket under the
     * TLS layer fails every blocked read and write.
     */
    void abort() {
        closeQuietly(raw);
    }

    /** Closes the connection; safe from any thread, repeatedly. */
    void close() {
        Socket s = socket;
        try {
            if (s instanceof SSLSocket && !s.isClosed()) {
                // SSLSocket.close waits for the peer's close_notify up to SO_TIMEOUT: keep it short.
                s.setSoTimeout(100);
            }
        } catch (IOException e) {
            // closing anyway
        }
        closeQuietly(s);
        closeQuietly(raw);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // best effort: the socket is unusable either way
        }
    }
}
