package dev.rshell.server.cli;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT start a graceful shutdown instead of killing the JVM, so the process can
 * say goodbye to every session and exit 0. {@code sun.misc.Signal} is the only JDK way to
 * catch a signal without ending the process; it lives in {@code jdk.unsupported}, which every
 * JDK ships.
 */
final class Signals {

    private Signals() {
    }

    /** Runs {@code action} on the first SIGTERM or SIGINT (on a JVM signal thread). */
    static void onTerminate(Runnable action) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> action.run());
            } catch (IllegalArgumentException e) {
                // This platform has no such signal (or the JVM reserves it); skip it.
            }
        }
    }
}
