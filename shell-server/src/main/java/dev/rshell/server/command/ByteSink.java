package dev.rshell.server.command;

/**
 * One output stream of a command, taking bytes as the command produces them. How they reach
 * the client (text lines, byte-exact pieces, a live prompt) is the implementation's business.
 *
 * <p>Thread safety: not thread-safe; one stream is written by one thread at a time.
 */
public interface ByteSink {

    /** Takes {@code length} bytes of {@code bytes} from {@code offset}. */
    void write(byte[] bytes, int offset, int length) throws InterruptedException;

    /**
     * Says the producer has had nothing more to write for a short while. A sink that shows
     * live prompts passes on the start of a line it holds now; the default does nothing.
     */
    default void quiet() throws InterruptedException {
    }

    /** The stream has ended: passes on what is held (a last line without LF). */
    void close() throws InterruptedException;
}
