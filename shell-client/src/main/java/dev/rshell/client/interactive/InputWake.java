package dev.rshell.client.interactive;

/**
 * Gets the input thread out of the line it is reading for a running command, when what that line
 * shows must change (a new prompt, a prompt completed by output) or the command is over: the
 * reader thread interrupts it, which ends JLine's {@code readLine} with a
 * {@link org.jline.reader.UserInterruptException}.
 *
 * <p>The interrupt is sent only between {@link #enter} and {@link #leave}, and both take this
 * object's monitor, so a wake-up never lands after the read it was meant for (where it would
 * look like a Ctrl-C to the foreground wait). {@link #leave} clears the flag and says whether the
 * read was woken, so the caller can tell a wake-up from a typed Ctrl-C.
 *
 * <p>Ordering: the input thread calls {@link #enter} before it looks at what to show, and the
 * reader thread changes what to show before it calls {@link #wake}; so either the input thread
 * sees the change, or the wake-up comes while it reads.
 *
 * <p>Thread safety: {@link #enter} and {@link #leave} are for the input thread, {@link #wake}
 * for the reader thread; all synchronized.
 */
final class InputWake {

    /** How a read ended, as far as interrupts go. */
    enum Left {
        /** Nobody interrupted the read. */
        QUIET,
        /** {@link #wake} interrupted it: what it shows changed. */
        WOKEN,
        /** Something else did: JLine's own SIGINT handler (a Ctrl-C as the read ended). */
        INTERRUPTED
    }

    private final Thread inputThread;
    private boolean reading;
    private boolean woken;

    /** @param inputThread the thread that reads typed lines */
    InputWake(Thread inputThread) {
        this.inputThread = inputThread;
    }

    /** Input thread: a read for a running command starts. */
    synchronized void enter() {
        reading = true;
        woken = false;
    }

    /** Input thread: the read ended; the interrupt flag is cleared. */
    synchronized Left leave() {
        reading = false;
        boolean flag = Thread.interrupted();
        boolean wasWoken = woken;
        woken = false;
        if (wasWoken) {
            return Left.WOKEN;
        }
        return flag ? Left.INTERRUPTED : Left.QUIET;
    }

    /** Reader thread: what the read shows changed; interrupts it once, if it is reading. */
    synchronized void wake() {
        if (reading && !woken) {
            woken = true;
            inputThread.interrupt();
        }
    }
}
