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
        assertSame(crowd, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
    }

    @Test
    void withinTheAddressTheLeastAdvancedThenTheOldestGivesWay() {
        place("10.0.0.2", Progress.SECURED);
        StartupSlot started = place("10.0.0.2", Progress.STARTED);
        place("10.0.0.2", Progress.STARTED);
        place("10.0.0.2", Progress.TRIED_LOGIN);
        assertSame(started, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
    }

    @Test
    void aNewcomerCountsForItsOwnAddress() {
        StartupSlot own = place("10.0.0.2", Progress.SECURED);
        place("10.0.0.3", Progress.SILENT);
        place("10.0.0.3", Progress.SILENT);
        // 10.0.0.2 would hold 2 with the newcomer, as many as 10.0.0.3: progress decides
        assertSame(oldestFirst.get(1), StartupEviction.choose(oldestFirst, held, "10.0.0.2"));
        place("10.0.0.2", Progress.SECURED);
        // now 10.0.0.2 would hold 3: it gives way to itself
        assertSame(own, StartupEviction.choose(oldestFirst, held, "10.0.0.2"));
    }

    @Test
    void aLoneUserGivesWayOnlyWhenEveryAddressHoldsOnePlace() {
        StartupSlot user = place("10.0.0.1", Progress.STARTED);
        StartupSlot other = place("10.0.0.2", Progress.STARTED);
        assertSame(user, StartupEviction.choose(oldestFirst, held, "10.0.0.9"), "ties: the oldest");
        assertSame(other, StartupEviction.choose(oldestFirst, held, "10.0.0.2"));
        place("10.0.0.2", Progress.TRIED_LOGIN);
        assertSame(other, StartupEviction.choose(oldestFirst, held, "10.0.0.9"));
    }

    @Test
    void aConnectionEndingAnywayGivesWayFirst() {
        place("10.0.0.2", Progress.SILENT);
        place("10.0.0.2", Progress.SILENT);
        StartupSlot ending = place("10.0.0.1", Progress.TRIED_LOGIN);
        ending.ending(true);
        assertSame(ending, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
    }

    @Test
    void aLoginBeingCheckedNeverGivesWay() {
        place("10.0.0.2", Progress.TRIED_LOGIN).checkingLogin(true);
        place("10.0.0.2", Progress.TRIED_LOGIN).checkingLogin(true);
        StartupSlot free = place("10.0.0.1", Progress.TRIED_LOGIN);
        assertSame(free, StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
        free.checkingLogin(true);
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.3"));
    }

    @Test
    void aNewcomerIsRefusedRatherThanHoldMoreThanTheAddressItWouldDrop() {
        place("10.0.0.2", Progress.TRIED_LOGIN).checkingLogin(true);
        place("10.0.0.2", Progress.TRIED_LOGIN).checkingLogin(true);
        place("10.0.0.3", Progress.SILENT);
        assertNull(StartupEviction.choose(oldestFirst, held, "10.0.0.2"), "10.0.0.2 would hold 3 for 10.0.0.3's 0");
    }

    @Test
    void aFullRegistryAdmitsByDroppingAPlace() {
        SessionRegistry registry = new SessionRegistry(100, 3, 2);
        AtomicInteger dropped = new AtomicInteger();
        List<StartupSlot> slots = new ArrayList<>();
        for (String address : List.of("10.0.0.2", "10.0.0.2", "10.0.0.1")) {
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
