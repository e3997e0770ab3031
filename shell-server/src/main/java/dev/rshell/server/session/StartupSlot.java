package dev.rshell.server.session;

/**
 * A connection's place among those that have not logged in yet ({@code max-startups}), as
 * admission sees it: where it comes from, how far it got, and how to drop it when a newcomer
 * needs the place more ({@link StartupEviction}).
 *
 * <p>Thread safety: the session's startup thread advances its progress (which only grows)
 * and marks the check of a {@code :login}; whichever thread closes the session marks it
 * ending; the acceptor reads all three, volatile, while choosing whom to drop under the
 * registry's lock, and calls {@link #evict()} after it.
 */
final class StartupSlot {

    /**
     * How far a connection got: what its peer proved by sending, from cheap to dear. A byte
     * costs nothing; a finished TLS handshake costs a little; a {@code :login} counts towards
     * the address's failures unless it is right.
     */
    enum Progress {
        /** Nothing received. */
        SILENT,
        /** Some bytes, but neither a finished TLS handshake nor a {@code :login}. */
        STARTED,
        /** The TLS handshake is done (TLS listener only). */
        SECURED,
        /** A {@code :login} line was received. */
        TRIED_LOGIN
    }

    private final String address;
    private final Runnable evict;
    private volatile Progress progress = Progress.SILENT;
    private volatile boolean checkingLogin;
    private volatile boolean ending;

    /**
     * @param address the peer's address
     * @param evict   ends the connection once its place was given to another; must not
     *                block (it runs on the acceptor thread)
     */
    StartupSlot(String address, Runnable evict) {
        this.address = address;
        this.evict = evict;
    }

    String address() {
        return address;
    }

    Progress progress() {
        return progress;
    }

    /** Records that the peer got as far as {@code reached}; never moves back. */
    void advance(Progress reached) {
        if (reached.compareTo(progress) > 0) {
            progress = reached;
        }
    }

    /** True while a {@code :login} is being verified: dropping it then would waste the check. */
    boolean checkingLogin() {
        return checkingLogin;
    }

    void checkingLogin(boolean running) {
        checkingLogin = running;
    }

    /** True once the connection is ending anyway: its place is the first to take. */
    boolean ending() {
        return ending;
    }

    void ending(boolean over) {
        ending = over;
    }

    /** Ends the connection, whose place was already taken from it. */
    void evict() {
        evict.run();
    }
}
