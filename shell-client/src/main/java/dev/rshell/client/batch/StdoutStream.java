package dev.rshell.client.batch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The client's standard output: a buffered, UTF-8 {@link PrintStream} that remembers the first
 * write failure.
 *
 * <p>Why: a {@code PrintStream} swallows {@link IOException}s, and its {@link #checkError()}
 * flushes to find out, which would defeat the buffering on every line. The batch client must
 * notice at once that its reader went away ({@code rshell host yes | head -2}: EPIPE) or that
 * the output can't be written ({@code > /dev/full}: ENOSPC), stop the remote commands and exit
 * as ssh does; {@link #failure()} tells it without flushing, and says which error it was.
 *
 * <p>Thread safety: as {@link PrintStream}; {@link #failure()} may be read from any thread.
 */
public final class StdoutStream extends PrintStream {

    /** Exit status for a broken pipe, as a shell reports a process killed by SIGPIPE (128+13). */
    public static final int BROKEN_PIPE = 141;

    private final Recorder recorder;

    private StdoutStream(Recorder recorder, int bufferSize) {
        super(new BufferedOutputStream(recorder, bufferSize), false, StandardCharsets.UTF_8);
        this.recorder = recorder;
    }

    /** A stream writing to {@code sink} through a buffer of {@code bufferSize} bytes. */
    public static StdoutStream over(OutputStream sink, int bufferSize) {
        return new StdoutStream(new Recorder(sink), bufferSize);
    }

    /** The first write or flush failure of the underlying stream, or null while there was none. */
    public IOException failure() {
        return recorder.failure;
    }

    /** True for EPIPE: whoever read the output has gone (a pipe's reader exited). */
    static boolean isBrokenPipe(IOException e) {
        // The JDK reports errno only as text; EPIPE's text is the same on Linux and macOS.
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /** Passes bytes through, keeping the first failure. */
    private static final class Recorder extends OutputStream {
        private final OutputStream sink;
        private volatile IOException failure;

        Recorder(OutputStream sink) {
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                sink.write(b);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                sink.write(bytes, offset, length);
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                sink.flush();
            } catch (IOException e) {
                throw keep(e);
            }
        }

        @Override
        public void close() throws IOException {
            sink.close();
        }

        private IOException keep(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
