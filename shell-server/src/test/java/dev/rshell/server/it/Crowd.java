package dev.rshell.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A crowd of peers that hold pre-login places and never log in, as an attacker crowding out
 * new logins would: some stay silent, some drip one byte now and then. Each peer is one thread
 * holding one connection at a time; when the server ends it, the peer connects again (after
 * {@code reconnectMillis}), so the crowd keeps its connections "held open" as well as it can.
 *
 * <p>Bounded: {@link #close()} stops every peer and closes its socket, and each peer also stops
 * by itself at its deadline or after {@code maxConnects} connections.
 *
 * <p>Thread safety: the counters may be read from any thread; start and close from the test's.
 */
final class Crowd implements AutoCloseable {

    private final InetSocketAddress server;
    private final List<String> from;
    private final byte[] dripBytes;
    private final int dripMillis;
    private final int reconnectMillis;
    private final int maxConnects;
    private final long deadlineNanos;
    private final List<Thread> peers = new ArrayList<>();
    private final ConcurrentHashMap.KeySetView<Socket, Boolean> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong endedByServer = new AtomicLong();
    private volatile boolean stopped;

    /**
     * @param server          where to connect
     * @param from            local addresses, taken in turn by the peers
     * @param dripBytes       what a dripping peer sends, one byte at a time (never all of it)
     * @param dripMillis      the pause between two dripped bytes
     * @param reconnectMillis the pause before a peer connects again
     * @param maxConnects     connections per peer, at most
     * @param maxMillis       how long the crowd may run, at most
     */
    Crowd(InetSocketAddress server, List<String> from, byte[] dripBytes, int dripMillis, int reconnectMillis,
          int maxConnects, long maxMillis) {
        this.server = server;
        this.from = from;
        this.dripBytes = dripBytes;
        this.dripMillis = dripMillis;
        this.reconnectMillis = reconnectMillis;
        this.maxConnects = maxConnects;
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
    }

    /** The local addresses 127.0.0.{first} to 127.0.0.{last}. */
    static List<String> loopback(int first, int last) {
        List<String> all = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            all.add("127.0.0." + i);
        }
        return all;
    }

    /** Starts {@code silent} peers that send nothing and {@code dripping} that drip. */
    Crowd start(int silent, int dripping) {
        for (int i = 0; i < dripping + silent; i++) {
            String address = from.get(i % from.size());
            boolean drips = i < dripping;
            Thread t = new Thread(() -> peer(address, drips), "crowd-" + (drips ? "drip-" : "silent-") + i);
            t.setDaemon(true);
            peers.add(t);
            t.start();
        }
        return this;
    }

    /** Connections made so far. */
    long connects() {
        return connects.get();
    }

    /** Connections the server ended (or refused) so far. */
    long endedByServer() {
        return endedByServer.get();
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }

    private void peer(String address, boolean drips) {
        for (int n = 0; n < maxConnects && running(); n++) {
            try (Socket s = new Socket()) {
                open.add(s);
                try {
                    s.bind(new InetSocketAddress(address, 0));
                    s.connect(server, 5000);
                    connects.incrementAndGet();
                    hold(s, drips);
                    if (running()) {
                        endedByServer.incrementAndGet();
                    }
                } finally {
                    open.remove(s);
                }
            } catch (IOException e) {
                if (running()) {
                    endedByServer.incrementAndGet(); // reset or refused: connect again
                }
            }
            pause(reconnectMillis);
        }
    }

    /** Keeps {@code s} open, silent or dripping, until the server ends it or the crowd stops. */
    private void hold(Socket s, boolean drips) throws IOException {
        s.setSoTimeout(drips ? dripMillis : 200);
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        byte[] sink = new byte[4096];
        int sent = 0;
        while (running()) {
            if (drips && sent < dripBytes.length - 1) { // never the last byte: never done
                out.write(dripBytes[sent++]);
                out.flush();
            }
            try {
                if (in.read(sink) < 0) {
                    return; // the server ended it
                }
            } catch (SocketTimeoutException e) {
                // still open: drip the next byte, or keep waiting
            }
        }
    }

    private boolean running() {
        return !stopped && System.nanoTime() < deadlineNanos;
    }

    private void pause(int millis) {
        if (millis <= 0 || !running()) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    /** Stops every peer and waits for them (each leaves within its read timeout). */
    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        for (Thread t : peers) {
            t.join(10_000);
        }
    }
}
