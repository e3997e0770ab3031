package dev.rshell.server.session;

import java.util.Map;

/**
 * Whom to drop when all {@code max-startups} places are taken and a new connection arrives.
 * A hard cap would refuse the newcomer, and then whoever holds the places (silent or dripping
 * connections that will never log in) locks every real user out until their
 * {@code login-grace} runs out, and again as soon as they reconnect. Instead the newcomer is
 * admitted and the place is taken from the connection that deserves it least:
 * <ol>
 *   <li>one that is ending anyway (its place would come back in a moment);</li>
 *   <li>else one from the address that holds the most places, counting the newcomer as
 *       holding one more: a few addresses holding many places are drained first, and a
 *       connection is never dropped for a newcomer whose address would then hold more places
 *       than its own held (such a newcomer is refused);</li>
 *   <li>of those, the one that got least far ({@link StartupSlot.Progress}): silent before
 *       started before secured before one that sent a {@code :login};</li>
 *   <li>of those, the oldest, which has had the most time to log in.</li>
 * </ol>
 * A connection whose {@code :login} is being verified is never dropped (the check is already
 * paid for and bounded). When every place is such a one, the newcomer is refused as before.
 *
 * <p>So a lone user, whose address holds one place, loses it only to a newcomer from an
 * address that holds none, and only when every address holding places holds exactly one:
 * a crowd must come from more addresses than there are places to crowd a user out, and even
 * then it must be further along than the user.
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
        StartupSlot best = null;
        int bestShare = -1;
        for (StartupSlot slot : oldestFirst) {
            if (slot.checkingLogin()) {
                continue;
            }
            if (slot.ending()) {
                return slot;
            }
            int share = held.getOrDefault(slot.address(), 0) + (slot.address().equals(newcomer) ? 1 : 0);
            // strictly better only: on a tie the older one, met first, stays chosen
            if (best == null || share > bestShare
                    || share == bestShare && slot.progress().compareTo(best.progress()) < 0) {
                best = slot;
                bestShare = share;
            }
        }
        if (best != null && bestShare < held.getOrDefault(newcomer, 0) + 1) {
            return null; // the newcomer's address would hold more than any other: it waits
        }
        return best;
    }
}
