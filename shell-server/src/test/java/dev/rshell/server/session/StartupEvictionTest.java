package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rshell.server.session.StartupSlot.Progress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Whom a full {@code max-startups} table drops for a newcomer ({@link StartupEviction}), and
 * how the registry admits through it.
 */
class StartupEvictionTest {

    private final List<StartupSlot> oldestFirst = new ArrayList<>();
    private final Map<String, Integer> held = new HashMap<>();

    private StartupSlot place(String address, Progress progress) {
        StartupSlot slot = new StartupSlot(address, () -> { });
        slot.advance(progress);
        oldestFirst.add(slot);
        held.merge(address, 1, Integer::sum);
        return slot;
    }

    @Test
    void theAddressHoldingMostGivesWayWhateverItsProgress() {
        place("10.0.0.1", Progress.SILENT); // a lone user, not even started
        StartupSlot crowd = place("10.0.0.2", Progress.TRIED_LOGIN);
        place("10.0.0.2", Progress.TRIED_LOGIN);
        place("10.0.0.2", Progress.TRIED_LOGIN);
        StartupSlot silent = place("10.0.0.3", Progress.SILENT);
        place("10.0.0.3", Progress.SILENT);
        assertSame(crowd, StartupEviction.choose(oldestFirst, held, "10.0.0.4"));
        held.put("10.0.0.2", 2);
        assertSame(silent, StartupEviction.choose(oldestFirst, held, "10.0.0.4"), "2 each: the least advanced");
    }

    @Test
    void withinTheAddressTheLeastAdvancedThenTheOldestGivesWay() {
        place("10.0.0.2", Progress.SECURED);
        StartupSlot started = place("10.0.0.2", Progress.STARTED);
        place("10.0.0.2", Progress.STARTED);
        place("10.0.0.2", Progress.TRIED_LOGIN);
        assertSame(started, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
        StartupSlot ending = place("10.0.0.2", Progress.TRIED_LOGIN);
        ending.ending(true);
        assertSame(ending, StartupEviction.choose(oldestFirst, held, "10.0.0.3"), "ending anyway: first");
    }

    @Test
    void aPlaceIsTakenOnlyFromAnAddressHoldingMoreThanTheNewcomersWould() {
        place("10.0.0.2", Progress.SILENT);
        place("10.0.0.2", Progress.SILENT);
        place("10.0.0.3", Progress.SILENT);
        assertSame(oldestFirst.get(0), StartupEviction.choose(oldestFirst, held, "10.0.0.9"), "2 > 0 + 1");
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.3"), "2 is not more than 1 + 1");
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.2"), "never from its own address");
    }

    @Test
    void aLoneUsersPlaceIsNeverTaken() {
        place("10.0.0.1", Progress.SILENT);
        for (int i = 0; i < 9; i++) {
            place("10.0.0." + (10 + i), Progress.SILENT);
        }
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.99"), "every address holds one");
        place("10.0.0.10", Progress.TRIED_LOGIN);
        assertSame(oldestFirst.get(1), StartupEviction.choose(oldestFirst, held, "10.0.0.99"),
                "10.0.0.10 holds two: its silent one, not the lone user's");
    }

    @Test
    void aLoginBeingCheckedNeverGivesWay() {
        place("10.0.0.2", Progress.TRIED_LOGIN).checkingLogin(true);
        StartupSlot free = place("10.0.0.2", Progress.TRIED_LOGIN);
        assertSame(free, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
        free.checkingLogin(true);
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
    }

    @Test
    void aFullRegistryAdmitsByDroppingAPlace() {
        SessionRegistry registry = new SessionRegistry(100, 3, 2);
        AtomicInteger dropped = new AtomicInteger();
        List<StartupSlot> slots = new ArrayList<>();
        for (String address : List.of("10.0.0.2", "10.0.0.2", "10.0.0.1")) { // 10.0.0.2 holds 2
            assertNull(registry.tryAdmit(address));
            StartupSlot slot = new StartupSlot(address, dropped::incrementAndGet);
            registry.holdPlace(slot);
            slots.add(slot);
        }
        assertEquals(SessionRegistry.Refusal.TOO_MANY_FROM_ADDRESS, registry.tryAdmit("10.0.0.2"));
        assertNull(registry.tryAdmit("10.0.0.3"), "full, yet admitted");
        assertEquals(1, dropped.get());
        assertEquals(3, registry.startups());
        assertEquals(1, registry.evictions());
        assertEquals(false, registry.startupEnded(slots.get(0)), "the oldest of 10.0.0.2 lost its place");
        assertEquals(true, registry.startupEnded(slots.get(1)));
        assertEquals(2, registry.startups());
    }

    @Test
    void aRegistryFullOfLoginsBeingCheckedRefuses() {
        SessionRegistry registry = new SessionRegistry(100, 1, 1);
        assertNull(registry.tryAdmit("10.0.0.1"));
        StartupSlot slot = new StartupSlot("10.0.0.1", () -> { });
        slot.checkingLogin(true);
        registry.holdPlace(slot);
        assertEquals(SessionRegistry.Refusal.TOO_MANY_STARTUPS, registry.tryAdmit("10.0.0.2"));
        assertEquals(0, registry.evictions());
    }
}
