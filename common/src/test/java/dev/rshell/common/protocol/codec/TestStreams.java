package dev.rshell.common.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/** Input streams that deliver bytes in controlled pieces, for the codec tests. */
final class TestStreams {

    private TestStreams() {
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Returns at most one byte per read, so every multi-byte character is split. */
    static InputStream oneByteAtATime(byte[] data) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= data.length) {
                    return -1;
                }
                b[off] = data[pos++];
                return 1;
            }
        };
    }

    /** Returns chunks of random sizes from 1 to {@code maxChunk} bytes (fixed seed). */
    static InputStream randomChunks(byte[] data, long seed, int maxChunk) {
        Random random = new Random(seed);
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, 1 + random.nextInt(maxChunk)), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    /**
     * Generates {@code count} copies of {@code fill} without ever holding them, then the bytes
     * of {@code tail}. Memory is constant whatever {@code count} is.
     */
    static InputStream generated(byte fill, long count, byte[] tail) {
        return new InputStream() {
            private long produced;
            private int tailPos;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (produced < count) {
                    int n = (int) Math.min(len, count - produced);
                    java.util.Arrays.fill(b, off, off + n, fill);
                    produced += n;
                    return n;
                }
                if (tailPos >= tail.length) {
                    return -1;
                }
                int n = Math.min(len, tail.length - tailPos);
                System.arraycopy(tail, tailPos, b, off, n);
                tailPos += n;
                return n;
            }
        };
    }

    /**
     * Plays a script: each step is a {@code byte[]} delivered as one read (split if the reader
     * asks for less) or an {@link IOException} thrown by the next read; then end of stream.
     */
    static final class Scripted extends InputStream {
        private final Deque<Object> steps = new ArrayDeque<>();
        private byte[] current;
        private int pos;
        boolean closed;

        Scripted(Object... steps) {
            for (Object s : steps) {
                this.steps.add(s);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (current == null || pos >= current.length) {
                Object step = steps.poll();
                if (step == null) {
                    return -1;
                }
                if (step instanceof IOException e) {
                    throw e;
                }
                current = (byte[]) step;
                pos = 0;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
