package dev.rshell.server.session;

import java.util.Map;

/**
 * Whom to drop when all {@code max-startups} places are taken and a new connection arrives.
 * A hard cap would refuse the newcomer, and then whoever holds the places (silent or dripping
 * connections that will never log in) locks every real user out until their
 * {@code login-grace} runs out, and again as soon as they reconnect.
 *
 * <p>Instead the newcomer may take a place from an address that holds more places than the
 * newcomer's address will hold with it, so that every such exchange makes the places more
 * evenly shared between addresses. Of those places it takes:
 * <ol>
 *   <li>one from the address holding the most;</li>
 *   <li>of those, the one that got least far: ending anyway (its place would come back in a
 *       moment), then silent, started, secured, one that sent a {@code :login}
 *       ({@link StartupSlot.Progress});</li>
 *   <li>of those, the oldest, which has had the most time to log in.</li>
 * </ol>
 * A connection whose {@code :login} is being verified is never dropped (the check is already
 * paid for and bounded). When no place may be taken, the newcomer is refused as before.
 *
 * <p>What follows: a connection from an address holding a single place is never dropped, and
 * a newcomer from an address holding none gets a place as long as some address holds two or
 * more, that is as long as the crowd holding the places comes from fewer addresses than there
 * are places. An address that already holds its fair share is refused, not served at the
 * expense of another, so a crowd reconnecting as fast as it can churns no places once they
 * are evenly shared: its newcomers cost a refusal each, not a new session.
 *
 * <p>The choice looks at each place once: O({@code max-startups}), only when the table is full.
 *
 * <p>Thread safety: stateless; the caller holds the lock that guards its arguments.
 */
final class StartupEviction {

    private StartupEviction() {
    }

    /**
     * @param oldestFirst the places held now, oldest first
     * @param held        places held per address
     * @param newcomer    the address of the connection that wants a place
     * @return the place to take, or null when none may be taken
     */
    static StartupSlot choose(Iterable<StartupSlot> oldestFirst, Map<String, Integer> held, String newcomer) {
        int newcomerWouldHold = held.getOrDefault(newcomer, 0) + 1;
        StartupSlot best = null;
        int bestShare = 0;
        for (StartupSlot slot : oldestFirst) {
            if (slot.checkingLogin()) {
                continue;
            }
            int share = held.getOrDefault(slot.address(), 0);
            if (share <= newcomerWouldHold) {
                continue; // taking it would not share the places more evenly
            }
            // strictly better only: on a tie the older one, met first, stays chosen
            if (best == null || share > bestShare || share == bestShare && rank(slot) < rank(best)) {
                best = slot;
                bestShare = share;
            }
        }
        return best;
    }

    /** How far a connection got, lowest first; one that is ending anyway lowest of all. */
    private static int rank(StartupSlot slot) {
        return slot.ending() ? -1 : slot.progress().ordinal();
    }
}
