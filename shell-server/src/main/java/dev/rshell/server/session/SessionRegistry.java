package dev.rshell.server.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live sessions, and the admission counts behind {@code max-sessions},
 * {@code max-startups} and {@code max-startups-per-address}.
 *
 * <p>A connection takes a slot in {@link #tryAdmit(String)} before its session exists: one of
 * {@code max-sessions}, and one of the not-yet-logged-in slots, in all and for its address.
 * The login gives the not-yet-logged-in slots back ({@link #loggedIn}); the teardown gives
 * back whatever the session still holds. Connections that never log in thus can't take every
 * session from users who did, and one address can't take every login slot.
 *
 * <p>Thread safety: thread-safe; admission is serialised on this object (it is a handful of
 * counter updates per connection), lookups use a concurrent map.
 */
public final class SessionRegistry {

    /** Why a connection was not admitted, or null when it was. */
    public enum Refusal {
        /** {@code max-sessions} are open. */
        BUSY("busy"),
        /** {@code max-startups} connections are still logging in. */
        TOO_MANY_STARTUPS("busy: too many connections are logging in; try again shortly"),
        /** {@code max-startups-per-address} connections from this address are logging in. */
        TOO_MANY_FROM_ADDRESS("busy: too many connections from your address are logging in");

        private final String bye;

        Refusal(String bye) {
            this.bye = bye;
        }

        /** The text of the {@code bye} line the connection gets. */
        public String bye() {
            return bye;
        }
    }

    private final int maxSessions;
    private final int maxStartups;
    private final int maxStartupsPerAddress;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final java.util.HashMap<String, Integer> startupsByAddress = new java.util.HashMap<>();
    private final AtomicInteger admittedCount = new AtomicInteger();
    private int startups;
    private int peak;

    /**
     * @param maxSessions           sessions at once
     * @param maxStartups           not-yet-logged-in connections at once
     * @param maxStartupsPerAddress not-yet-logged-in connections from one address at once
     */
    public SessionRegistry(int maxSessions, int maxStartups, int maxStartupsPerAddress) {
        this.maxSessions = maxSessions;
        this.maxStartups = maxStartups;
        this.maxStartupsPerAddress = maxStartupsPerAddress;
    }

    /** Takes the slots a new connection from {@code address} needs; null when admitted. */
    public synchronized Refusal tryAdmit(String address) {
        if (admittedCount.get() >= maxSessions) {
            return Refusal.BUSY;
        }
        if (startups >= maxStartups) {
            return Refusal.TOO_MANY_STARTUPS;
        }
        int fromAddress = startupsByAddress.getOrDefault(address, 0);
        if (fromAddress >= maxStartupsPerAddress) {
            return Refusal.TOO_MANY_FROM_ADDRESS;
        }
        startupsByAddress.put(address, fromAddress + 1);
        startups++;
        peak = Math.max(peak, admittedCount.incrementAndGet());
        return null;
    }

    /** Gives back the slots of an admitted connection whose session never started. */
    public synchronized void release(String address) {
        admittedCount.decrementAndGet();
        endStartup(address);
    }

    /** A fresh session id. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    void add(Session session) {
        sessions.put(session.id(), session);
    }

    /**
     * Gives back a session's not-yet-logged-in slots: at login, or at teardown for a session
     * that never logged in. The session calls it exactly once.
     */
    synchronized void startupEnded(Session session) {
        endStartup(session.address());
    }

    void remove(Session session) {
        if (sessions.remove(session.id()) != null) {
            admittedCount.decrementAndGet();
        }
    }

    private void endStartup(String address) {
        startups--;
        startupsByAddress.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** A snapshot of the live sessions. */
    public List<Session> all() {
        return new ArrayList<>(sessions.values());
    }

    /** Sessions admitted now, including ones still starting. */
    public int count() {
        return admittedCount.get();
    }

    /** Connections admitted and not yet logged in. */
    public synchronized int startups() {
        return startups;
    }

    /** The most sessions admitted at once. */
    public synchronized int peak() {
        return peak;
    }
}
