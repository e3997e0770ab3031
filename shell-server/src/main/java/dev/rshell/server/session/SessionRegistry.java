package dev.rshell.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions, and the admission count behind {@code max-sessions}.
 *
 * <p>A slot is taken by the acceptor with {@link #tryAdmit()} before a session exists and
 * given back by the session's teardown, so the count covers sessions still starting.
 *
 * <p>Thread safety: thread-safe (concurrent map and atomics).
 */
public final class SessionRegistry {

    private final int maxSessions;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger peak = new AtomicInteger();

    public SessionRegistry(int maxSessions) {
        this.maxSessions = maxSessions;
    }

    /** Takes a slot; false when {@code max-sessions} are already admitted. */
    public boolean tryAdmit() {
        while (true) {
            int n = admitted.get();
            if (n >= maxSessions) {
                return false;
            }
            if (admitted.compareAndSet(n, n + 1)) {
                peak.accumulateAndGet(n + 1, Math::max);
                return true;
            }
        }
    }

    /** Gives back a slot taken by {@link #tryAdmit()} for a session that never started. */
    public void release() {
        admitted.decrementAndGet();
    }

    /** A fresh session id. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    void add(Session session) {
        sessions.put(session.id(), session);
    }

    void remove(Session session) {
        if (sessions.remove(session.id()) != null) {
            admitted.decrementAndGet();
        }
    }

    /** A snapshot of the live sessions. */
    public List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    /** Sessions admitted now, including ones still starting. */
    public int count() {
        return admitted.get();
    }

    /** The most sessions admitted at once. */
    public int peak() {
        return peak.get();
    }
}
