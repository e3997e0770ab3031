package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outcomes and the status over hosts. */
class FanoutStatusTest {

    private static int n;

    private static HostResult r(HostOutcome o) {
        String name = "h" + ++n;
        return new HostResult(new Host(name, "u", false, name, 7022), o, 5);
    }

    @Test
    void theHighestRemoteStatusOverHostsThatRan() {
        assertEquals(0, FanoutStatus.of(List.of(r(new HostOutcome.Ok()), r(new HostOutcome.Ok()))));
        assertEquals(3, FanoutStatus.of(List.of(r(new HostOutcome.Ok()), r(new HostOutcome.Failed(3)),
                r(new HostOutcome.Failed(1)))));
        assertEquals(130, FanoutStatus.of(List.of(r(new HostOutcome.Failed(3)), r(new HostOutcome.Interrupted(130, null)))));
        assertEquals(0, FanoutStatus.of(List.of()));
    }

    @Test
    void anyHostThatCouldNotRunMakesIt255() {
        List<HostOutcome> failures = List.of(new HostOutcome.Unreachable("connection refused"),
                new HostOutcome.LoginRefused("login failed"), new HostOutcome.NotTrusted("unknown server"),
                new HostOutcome.TimedOut("ran past --command-timeout 5s"), new HostOutcome.ProtocolError("bad line"));
        for (HostOutcome failure : failures) {
            List<HostResult> results = new ArrayList<>(List.of(r(new HostOutcome.Ok()), r(new HostOutcome.Failed(3))));
            results.add(r(failure));
            assertEquals(255, FanoutStatus.of(results), failure.toString());
            assertTrue(failure.isFailureToRun());
            assertTrue(failure.remoteStatus().isEmpty());
        }
        assertFalse(new HostOutcome.Interrupted(130, null).isFailureToRun());
        assertFalse(new HostOutcome.Failed(255).isFailureToRun());
    }

    @Test
    void namesAndStatuses() {
        assertEquals("timed out", HostOutcome.Kind.TIMED_OUT.word());
        assertEquals("login_refused", HostOutcome.Kind.LOGIN_REFUSED.jsonName());
        assertEquals(new HostOutcome.Ok(), HostOutcome.ofStatus(0));
        assertEquals(new HostOutcome.Failed(127), HostOutcome.ofStatus(127));
        assertEquals(127, HostOutcome.ofStatus(127).remoteStatus().getAsInt());
        assertThrows(IllegalArgumentException.class, () -> new HostOutcome.Failed(0));
    }
}
