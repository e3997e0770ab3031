package dev.rshell.client.bench;

import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.ConnectionEnd;
import dev.rshell.client.connect.ServerListener;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.thread.VirtualThreads;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --sessions N}: N extra logged-in sessions that send nothing, held open while the load
 * runs, to show what each costs the server and how the load fares beside them.
 *
 * <h2>Threading</h2>
 * {@link #open} logs the sessions in with up to {@value #OPENERS} opener threads
 * ({@code rshell-bench-idle-N}) and joins them; each session then has its connection's reader
 * thread, which ignores every line. On Java 21 and later the readers are virtual threads, so
 * that holding 10,000 sessions costs the bench a few carrier threads rather than 10,000 OS
 * threads next to the server's (on Java 17 they are platform threads). {@link #close()} closes
 * them all on the calling thread. {@link #lost()} may be read from any thread.
 */
final class IdleSessions implements AutoCloseable {

    /** Threads that log sessions in at once: as {@link LoadRun#OPENERS}. */
    static final int OPENERS = LoadRun.OPENERS;
    /**
     * Further tries of an idle session that failed to open. Why at all: on a machine much
     * busier than it has cores, a client starved of CPU can take over a second between its TCP
     * connect and its ClientHello, and a TLS server takes such a silent client for a plain one
     * ("speaks plain TCP"). Among 10,000 opens that happens now and then; one failure must not
     * throw away minutes of opening. Each retry is counted and reported.
     */
    static final int RETRIES = 2;

    private final List<Endpoint.LoadChannel> channels = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();

    private IdleSessions() {
    }

    /**
     * Opens {@code count} sessions.
     *
     * @throws SessionFailure when one can't be opened; those already open are closed
     */
    static IdleSessions open(Endpoint endpoint, int count) throws SessionFailure {
        IdleSessions idle = new IdleSessions();
        ThreadFactory readers = VirtualThreads.named(Connection.READER_THREAD_NAME).orElse(Connection.PLATFORM_READERS);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<SessionFailure> failure = new AtomicReference<>();
        List<Thread> openers = new ArrayList<>();
        for (int k = 0; k < Math.min(OPENERS, count); k++) {
            Thread t = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                    for (int attempt = 0; attempt <= RETRIES && failure.get() == null; attempt++) {
                        try {
                            idle.channels.add(endpoint.open(idle.listener(), readers));
                            break;
                        } catch (SessionFailure e) {
                            if (attempt < RETRIES) {
                                idle.retried.incrementAndGet();
                            } else {
                                failure.compareAndSet(null, new SessionFailure("idle session " + (i + 1) + " of "
                                        + count + ": " + e.getMessage() + " (tried " + (RETRIES + 1) + " times)"));
                            }
                        } catch (RuntimeException e) {
                            failure.compareAndSet(null, new SessionFailure("idle session " + (i + 1) + " of " + count
                                    + ": " + e.getClass().getSimpleName()));
                        }
                    }
                }
            }, "rshell-bench-idle-" + (k + 1));
            t.setDaemon(true);
            openers.add(t);
            t.start();
        }
        for (Thread t : openers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new SessionFailure("interrupted while opening idle sessions"));
                break;
            }
        }
        if (failure.get() != null) {
            idle.close();
            throw failure.get();
        }
        return idle;
    }

    private ServerListener listener() {
        return new ServerListener() {
            @Override
            public void onLine(ServerLine line) {
                // An idle session reads and forgets (cwd, msg).
            }

            @Override
            public void onClosed(ConnectionEnd end) {
                if (!(end instanceof ConnectionEnd.ClosedHere)) {
                    lost.incrementAndGet();
                }
            }
        };
    }

    /** Sessions open. */
    int size() {
        return channels.size();
    }

    /** Opens that failed and were tried again. */
    int retried() {
        return retried.get();
    }

    /** Sessions the server closed (or lost) while they were held. */
    int lost() {
        return lost.get();
    }

    @Override
    public void close() {
        List<Endpoint.LoadChannel> all;
        synchronized (channels) {
            all = new ArrayList<>(channels);
            channels.clear();
        }
        for (Endpoint.LoadChannel c : all) {
            c.close();
        }
    }
}
