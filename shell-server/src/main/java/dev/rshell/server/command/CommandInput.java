package dev.rshell.server.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * A command's standard input: the bytes the client sends for it ({@code :in}, {@code :inb}),
 * then the end of input ({@code :eof}). A command started without input ({@link #NONE}) is at
 * the end at once, as with {@code < /dev/null}.
 *
 * <p>How much can be waiting is bounded by the client's window, so a command that never reads
 * costs at most that; reading it gives the client more window.
 *
 * <p>Thread safety: thread-safe; one consumer reads, the session's reader thread feeds it.
 */
public interface CommandInput {

    /** The input of a command that takes none: at its end at once. */
    CommandInput NONE = new CommandInput() {
        @Override
        public int read(byte[] buffer, int offset, int length) {
            return -1;
        }

        @Override
        public int poll(byte[] buffer, int offset, int length) {
            return -1;
        }

        @Override
        public void whenReadable(Runnable action) {
            action.run();
        }

        @Override
        public boolean open() {
            return false;
        }
    };

    /**
     * Reads at least one byte, waiting until some come; -1 at the end of input.
     *
     * @throws InterruptedException when the command is cancelled while waiting
     */
    int read(byte[] buffer, int offset, int length) throws InterruptedException;

    /** Reads what is there without waiting: 0 when nothing is, -1 at the end of input. */
    int poll(byte[] buffer, int offset, int length);

    /**
     * Runs {@code action} once, as soon as something can be read or the input has ended (at
     * once if that is so now), on whichever thread made it so. The action must not block.
     */
    void whenReadable(Runnable action);

    /** True for a command started with input ({@code :stdin}); false for {@link #NONE}. */
    boolean open();

    /** This input as an {@link InputStream}, for code that reads streams. */
    default InputStream stream() {
        CommandInput input = this;
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                try {
                    return input.read(b, off, len);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading standard input");
                }
            }
        };
    }
}
