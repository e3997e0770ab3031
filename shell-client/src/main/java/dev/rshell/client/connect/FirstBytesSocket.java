package dev.rshell.client.connect;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain TCP socket that remembers the first bytes the server sent, so that a failure right at
 * the start can say which side expected TLS: a TLS client that reads {@code hello rshell/1} met a
 * plain server, and a plain client that reads a TLS record ({@code 0x15} alert or {@code 0x16}
 * handshake) met a TLS server.
 *
 * <p>It works below TLS as well: an {@code SSLSocket} layered over it reads through
 * {@link #getInputStream()}, so the bytes recorded are the raw ones from the wire.
 *
 * <p>Thread safety: the recording is guarded by this object's monitor; reads come from one
 * thread at a time (the handshake, then the connection's reader).
 */
final class FirstBytesSocket extends Socket {

    /** How many bytes are kept: enough for {@code "hello "} or a TLS record header. */
    static final int KEPT = 16;

    private final byte[] first = new byte[KEPT];
    private int count;
    private InputStream in;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new Recording(super.getInputStream());
        }
        return in;
    }

    /** The first bytes received (at most {@value #KEPT}); empty when none came yet. */
    synchronized byte[] firstBytes() {
        return Arrays.copyOf(first, count);
    }

    /** Whether the server's first byte starts a TLS record (alert 0x15 or handshake 0x16). */
    boolean receivedTlsRecord() {
        byte[] b = firstBytes();
        return b.length > 0 && (b[0] == 0x15 || b[0] == 0x16);
    }

    /**
     * Whether the server's first bytes are not a TLS record at all (TLS record types are 20 to 23,
     * then version 3.x): a plain-text server, such as an rshell listener without TLS.
     */
    boolean receivedNonTls() {
        byte[] b = firstBytes();
        if (b.length == 0) {
            return false;
        }
        boolean recordType = b[0] >= 20 && b[0] <= 23;
        return !recordType || (b.length > 1 && b[1] != 3);
    }

    /** The first bytes as text, for a message: whether they began with {@code prefix}. */
    boolean receivedText(String prefix) {
        return new String(firstBytes(), StandardCharsets.ISO_8859_1).startsWith(prefix);
    }

    private synchronized void record(byte[] b, int off, int len) {
        int n = Math.min(len, KEPT - count);
        if (n > 0) {
            System.arraycopy(b, off, first, count, n);
            count += n;
        }
    }

    private final class Recording extends FilterInputStream {
        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                record(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                record(b, off, n);
            }
            return n;
        }
    }
}
