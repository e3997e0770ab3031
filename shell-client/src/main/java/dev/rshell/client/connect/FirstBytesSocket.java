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
 * <p>Once a connection has carried {@value #STREAMING} bytes, its stream reads through a
 * buffer of {@value #BUFFER} bytes: TLS reads each record in two small reads (its header, then
 * its body), two system calls per 16 KiB, which a stream of output pays a hundred thousand
 * times per GiB. A connection that carries little (a one-shot call, the bench's idle sessions)
 * never allocates the buffer.
 *
 * <p>Thread safety: the recording is guarded by this object's monitor; reads come from one
 * thread at a time (the handshake, then the connection's reader).
 */
final class FirstBytesSocket extends Socket {

    /** How many bytes are kept: enough for {@code "hello "} or a TLS record header. */
    static final int KEPT = 16;
    /** After this many bytes read, reads go through a buffer. */
    static final long STREAMING = 1 << 20;
    /** The buffer's size. */
    static final int BUFFER = 64 * 1024;

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

    /** Records the first bytes; buffers once the connection streams. One reading thread at a time. */
    private final class Recording extends FilterInputStream {
        private long total;
        private byte[] buffer;
        private int pos;
        private int limit;

        Recording(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (buffer == null) {
                int n = in.read(b, off, len);
                if (n > 0) {
                    if (total < KEPT) {
                        record(b, off, n);
                    }
                    total += n;
                    if (total >= STREAMING) {
                        buffer = new byte[BUFFER];
                    }
                }
                return n;
            }
            if (pos == limit) {
                if (len >= buffer.length) {
                    return in.read(b, off, len); // a large read gains nothing from a copy
                }
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    return n;
                }
                pos = 0;
                limit = n;
            }
            int n = Math.min(len, limit - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return (limit - pos) + in.available();
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
