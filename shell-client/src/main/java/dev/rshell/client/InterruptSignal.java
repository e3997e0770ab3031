package dev.rshell.client;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) for a run over many hosts: the first runs {@code first} (interrupt every host,
 * and let the run report what it has), the second runs {@code again} (quit at once). Installed
 * for the run only; {@link #close()} puts back the handler that was there before.
 *
 * <p>{@code sun.misc.Signal} is the only JDK way to catch a signal without ending the process
 * (the server's {@code Signals} uses it too). Where SIGINT can't be caught (a JVM started with
 * it ignored, as a background job of a non-interactive shell is), nothing is installed and
 * Ctrl-C does what it did before.
 *
 * <p>Threading: both actions run on the JVM's signal thread; {@code first} must not block.
 */
final class InterruptSignal implements AutoCloseable {

    private static final Signal INT = signal();

    private final SignalHandler previous;

    private InterruptSignal(SignalHandler previous) {
        this.previous = previous;
    }

    /** Installs the handler until {@link #close()}. */
    static InterruptSignal install(Runnable first, Runnable again) {
        if (INT == null) {
            return new InterruptSignal(null);
        }
        AtomicInteger count = new AtomicInteger();
        try {
            return new InterruptSignal(Signal.handle(INT, s -> {
                if (count.incrementAndGet() == 1) {
                    first.run();
                } else {
                    again.run();
                }
            }));
        } catch (IllegalArgumentException e) {
            return new InterruptSignal(null); // the JVM or OS keeps SIGINT
        }
    }

    @Override
    public void close() {
        if (previous != null) {
            try {
                Signal.handle(INT, previous);
            } catch (IllegalArgumentException e) {
                // as at install: nothing to put back
            }
        }
    }

    private static Signal signal() {
        try {
            return new Signal("INT");
        } catch (IllegalArgumentException e) {
            return null; // no SIGINT on this platform
        }
    }
}
