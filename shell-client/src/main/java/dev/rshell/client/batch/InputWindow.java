package dev.rshell.client.batch;

/**
 * How much standard input the client may still send to its one input command, as the server
 * grants it ({@code more N BYTES}), and whether that command can still take any.
 *
 * <p>The server grants a window (256 KiB for this server) when it reads the {@code :stdin} line
 * and more as the command reads; sending past it ends the session ({@code bye input window
 * exceeded}). So the stdin pump sends only what it holds an allowance for, and waits for more
 * here. The wait ends when a grant comes, or when the input is over for good: the command
 * ended, the session ended, or standard output failed.
 *
 * <p>Thread safety: every method is synchronized on this window. The reader thread grants and
 * closes ({@link #grant}, {@link #close}) and never waits here; the pump thread waits and
 * spends.
 */
final class InputWindow {

    private final long command;
    private long allowed;
    private boolean closed;

    /** @param command the number of the command that gets standard input */
    InputWindow(long command) {
        if (command < 1) {
            throw new IllegalArgumentException("command number must be positive: " + command);
        }
        this.command = command;
    }

    /** The number of the command this window is for. */
    long command() {
        return command;
    }

    /** {@code more N BYTES} for this command. Reader thread. */
    synchronized void grant(long bytes) {
        if (bytes > 0) {
            // A long can hold any sum of grants a session can live to see.
            allowed = Math.addExact(allowed, bytes);
            notifyAll();
        }
    }

    /** No more input can be used: the command ended, or the session or stdout is gone. Idempotent. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** True once {@link #close()} was called. */
    synchronized boolean closed() {
        return closed;
    }

    /** What may be sent now without waiting (0 once closed). */
    synchronized long available() {
        return closed ? 0 : allowed;
    }

    /**
     * Waits until at least {@code bytes} may be sent, or the window is closed.
     *
     * @return what may be sent (at least {@code bytes}), or -1 when closed
     */
    synchronized long await(long bytes) throws InterruptedException {
        while (!closed && allowed < bytes) {
            wait();
        }
        return closed ? -1 : allowed;
    }

    /** Counts {@code bytes} just sent against the allowance; more than allowed is a bug. */
    synchronized void spend(long bytes) {
        if (bytes > allowed) {
            throw new IllegalStateException("spending " + bytes + " bytes of input with " + allowed + " allowed");
        }
        allowed -= bytes;
    }
}
