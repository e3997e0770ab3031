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
 * {@code max-sessions}, and one of the not-yet-logged-in places, in all and for its address.
 * The login gives the not-yet-logged-in place back ({@link #startupEnded}); the teardown gives
 * back whatever the session still holds. Connections that never log in thus can't take every
 * session from users who did, and one address can't take every login place. When every
 * {@code max-startups} place is taken, a newcomer is not simply refused: it may take the place
 * of a connection from an address holding more places than the newcomer's would
 * ({@link StartupEviction} says which), and that connection is dropped with {@link #EVICTED}.
 * So a crowd from a few addresses can't lock new users out by holding every place.
 *
 * <p>Thread safety: thread-safe; admission is serialised on this object (a handful of counter
 * updates per connection, and one look at each place when they are all taken), lookups use a
 * concurrent map. The dropped connection is told outside the lock.
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

    /** The {@code bye} of a connection that lost its place to a newcomer. */
    public static final String EVICTED = "busy: too many connections are logging in; yours was dropped to make room";

    private final int maxSessions;
    private final int maxStartups;
    private final int maxStartupsPerAddress;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final java.util.HashMap<String, Integer> startupsByAddress = new java.util.HashMap<>();
    /** The places of sessions not logged in yet, oldest first; guarded by this. */
    private final java.util.LinkedHashSet<StartupSlot> waiting = new java.util.LinkedHashSet<>();
    private final AtomicInteger admittedCount = new AtomicInteger();
    private final AtomicLong evictions = new AtomicLong();
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

    /**
     * Takes the slots a new connection from {@code address} needs; null when admitted. When
     * every {@code max-startups} place is taken, another connection may lose its place to
     * this one; it is dropped before this returns (without blocking).
     */
    public Refusal tryAdmit(String address) {
        StartupSlot evicted;
        synchronized (this) {
            if (admittedCount.get() >= maxSessions) {
                return Refusal.BUSY;
            }
            int fromAddress = startupsByAddress.getOrDefault(address, 0);
            if (fromAddress >= maxStartupsPerAddress) {
                return Refusal.TOO_MANY_FROM_ADDRESS;
            }
            evicted = null;
            if (startups >= maxStartups) {
                evicted = StartupEviction.choose(waiting, startupsByAddress, address);
                if (evicted == null) {
                    return Refusal.TOO_MANY_STARTUPS;
                }
                waiting.remove(evicted); // never from this address: fromAddress stands
                endStartup(evicted.address());
            }
            startupsByAddress.put(address, fromAddress + 1);
            startups++;
            peak = Math.max(peak, admittedCount.incrementAndGet());
        }
        if (evicted != null) {
            evictions.incrementAndGet();
            evicted.evict();
        }
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

    /** Registers a session just admitted, and its not-yet-logged-in place. */
    void add(Session session, StartupSlot slot) {
        sessions.put(session.id(), session);
        holdPlace(slot);
    }

    /** Files the not-yet-logged-in place of a connection just admitted. */
    synchronized void holdPlace(StartupSlot slot) {
        waiting.add(slot);
    }

    /**
     * Gives back a session's not-yet-logged-in place: at login, or at teardown for a session
     * that never logged in. Does nothing when the place is given back already, or was taken
     * for a newcomer.
     *
     * @return true when the place was still held (and is now given back)
     */
    synchronized boolean startupEnded(StartupSlot slot) {
        if (waiting.remove(slot)) {
            endStartup(slot.address());
            return true;
        }
        return false;
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

    /** Connections that lost their not-yet-logged-in place to a newcomer, since the start. */
    public long evictions() {
        return evictions.get();
    }

    /** The most sessions admitted at once. */
    public synchronized int peak() {
        return peak;
    }
}
