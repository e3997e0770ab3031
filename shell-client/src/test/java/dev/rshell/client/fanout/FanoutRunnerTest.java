package dev.rshell.client.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.PlainTransport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner against a scripted server that serves many sessions at once. */
class FanoutRunnerTest {

    private FakeHosts fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        assertNoThreadsLeft();
    }

    /** No worker and no connection reader outlives a run (bounded wait: readers end as sockets close). */
    static void assertNoThreadsLeft() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            boolean left = Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive()
                    && (t.getName().startsWith(FanoutRunner.WORKER_THREAD_PREFIX)
                    || t.getName().equals(Connection.READER_THREAD_NAME)));
            if (!left) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fan-out threads still alive after the run");
    }

    private static HostConnector connector(AtomicInteger passwordAsks) {
        return HostConnector.of(PlainTransport::new, () -> {
            passwordAsks.incrementAndGet();
            return FakeHosts.PASSWORD;
        }, Duration.ofSeconds(10));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Collects every call, for asserting what the output saw. */
    static final class Recorder implements FanoutOutput {
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<HostResult> ended = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger loggedIn = new AtomicInteger();

        @Override
        public void loggedIn(Host host) {
            loggedIn.incrementAndGet();
        }

        @Override
        public void line(Host host, HostStream stream, String text) {
            events.add(host.label() + " " + stream.jsonName() + " " + text);
        }

        @Override
        public void ended(HostResult result) {
            events.add(result.host().label() + " end");
            ended.add(result);
        }
    }

    @Test
    @Timeout(30)
    void everyHostGetsItsOutcome() throws Exception {
        fake = new FakeHosts();
        try (FakeHosts busy = new FakeHosts()) {
            busy.busy = true;
            List<Host> hosts = List.of(fake.host("ok", "a"), fake.host("failed", "b"), fake.host("broken", "c"),
                    fake.host("dropped", "d"), fake.host("refused", "mallory"),
                    new Host("busy", "e", true, "127.0.0.1", busy.port()),
                    new Host("down", "f", true, "127.0.0.1", closedPort()));
            Hosts.Capture out = new Hosts.Capture();
            Hosts.Capture err = new Hosts.Capture();
            AtomicInteger asks = new AtomicInteger();
            HostConnector byLabel = connector(asks);
            // every host runs its own label's command
            List<String> lines = List.of("echo hi");
            FanoutRunner runner = new FanoutRunner(FanoutSettings.defaults(), h -> byLabel.spec(h),
                    new StreamingPrinter(out.stream, err.stream, true));
            FanoutResult result = runner.run(hosts.subList(0, 1), lines);
            assertEquals(List.of(new HostOutcome.Ok()), result.results().stream().map(HostResult::outcome).toList());
            assertEquals("ok: hi\n", out.text());

            // One host per behaviour; the command line is chosen by the host's user.
            Recorder rec = new Recorder();
            FanoutRunner all = new FanoutRunner(FanoutSettings.defaults(), byLabel, rec, host -> (session, n, line) ->
                    session.send(new dev.rshell.common.protocol.ClientLine.CommandText(switch (host.user()) {
                        case "a" -> "echo hi";
                        case "b" -> "fail 3";
                        case "c" -> "garbage";
                        case "d" -> "drop";
                        default -> "echo never";
                    })));
            FanoutResult r = all.run(hosts, List.of("placeholder"));
            List<HostOutcome> outcomes = r.results().stream().map(HostResult::outcome).toList();
            assertEquals(new HostOutcome.Ok(), outcomes.get(0));
            assertEquals(new HostOutcome.Failed(3), outcomes.get(1));
            assertEquals(new HostOutcome.ProtocolError("protocol error: end 999 for a command that is not running (sent: 1)"),
                    outcomes.get(2));
            assertEquals(new HostOutcome.Unreachable("connection closed before command 1 ended"), outcomes.get(3));
            assertEquals(new HostOutcome.LoginRefused("login failed for mallory: too many failed logins"), outcomes.get(4));
            assertEquals(new HostOutcome.Unreachable("127.0.0.1:" + busy.port() + " refused the connection: busy"),
                    outcomes.get(5));
            assertInstanceOf(HostOutcome.Unreachable.class, outcomes.get(6));
            assertTrue(outcomes.get(6).reason().startsWith("can't connect to 127.0.0.1:"), outcomes.get(6).reason());
            assertEquals(255, r.exitStatus());
            assertEquals(List.of("hosts in order", "ok", "failed", "broken", "dropped", "refused", "busy", "down"),
                    concat("hosts in order", r.results().stream().map(x -> x.host().label()).toList()));
            assertEquals(7, rec.ended.size(), "each host ended exactly once");
            assertTrue(rec.events.contains("ok stdout hi"));
            assertTrue(rec.events.contains("failed stderr failing"));
            // a host's lines come before its end
            assertTrue(rec.events.indexOf("ok stdout hi") < rec.events.indexOf("ok end"));
            assertEquals(4, rec.loggedIn.get());
            assertEquals(1, asks.get(), "the password is asked once for all hosts");
            List<String> summary = r.summary();
            assertEquals("ok 1 ok", summary.get(0));
            assertEquals("failed 1 failed (status 3)", summary.get(1));
            assertTrue(summary.contains("unreachable 1 busy (the server refused the connection: busy)"), summary.toString());
            assertTrue(summary.contains("unreachable 1 down (connection refused)"), summary.toString());
            assertTrue(summary.contains("login refused 1 refused (login failed for mallory: too many failed logins)"),
                    summary.toString());
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> l = new ArrayList<>();
        l.add(first);
        l.addAll(rest);
        return l;
    }

    @Test
    @Timeout(30)
    void theHighestStatusWhenEveryHostRan() throws Exception {
        fake = new FakeHosts();
        Recorder rec = new Recorder();
        FanoutRunner runner = new FanoutRunner(FanoutSettings.defaults(), connector(new AtomicInteger()), rec,
                host -> (session, n, line) -> session.send(new dev.rshell.common.protocol.ClientLine.CommandText(
                        host.user().equals("x") ? "fail 3" : host.user().equals("y") ? "fail 1" : "echo ok")));
        FanoutResult r = runner.run(List.of(fake.host("h1", "w"), fake.host("h2", "x"), fake.host("h3", "y")),
                List.of("placeholder"));
        assertEquals(3, r.exitStatus());
        assertFalse(r.interrupted());
    }

    @Test
    @Timeout(30)
    void atMostFanoutSessionsAtATime() throws Exception {
        fake = new FakeHosts();
        List<Host> hosts = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            hosts.add(fake.host("h" + i, "u" + i));
        }
        Recorder rec = new Recorder();
        FanoutResult r = new FanoutRunner(FanoutSettings.defaults().withFanout(2), connector(new AtomicInteger()), rec)
                .run(hosts, List.of("pause", "pause", "echo done"));
        assertEquals(8, r.results().size());
        assertTrue(r.results().stream().allMatch(x -> x.outcome() instanceof HostOutcome.Ok), r.results().toString());
        assertTrue(fake.maxLoggedIn.get() <= 2, "at most 2 sessions at once, saw " + fake.maxLoggedIn.get());
        assertEquals(8, rec.events.stream().filter(e -> e.endsWith("stdout done")).count());
    }

    @Test
    @Timeout(30)
    void stopOnErrorSendsNothingAfterTheFirstFailureAndExitEndsTheSession() throws Exception {
        fake = new FakeHosts();
        Recorder rec = new Recorder();
        FanoutResult r = new FanoutRunner(FanoutSettings.defaults().withStopOnError(true), connector(new AtomicInteger()),
                rec).run(List.of(fake.host("h1", "a")), List.of("echo one", "fail 4", "echo never"));
        assertEquals(new HostOutcome.Failed(4), r.results().get(0).outcome());
        assertFalse(fake.received.contains("echo never"), fake.received.toString());

        FanoutResult exit = new FanoutRunner(FanoutSettings.defaults(), connector(new AtomicInteger()), rec)
                .run(List.of(fake.host("h2", "b")), List.of("echo one", "exit 5", "echo never"));
        assertEquals(new HostOutcome.Failed(5), exit.results().get(0).outcome());
        assertFalse(fake.received.contains("echo never"), fake.received.toString());
    }

    @Test
    @Timeout(30)
    void pastTheCommandTimeoutTheCommandIsInterruptedAndTheHostTimedOut() throws Exception {
        fake = new FakeHosts();
        Recorder rec = new Recorder();
        FanoutSettings settings = FanoutSettings.defaults().withCommandTimeout(Duration.ofMillis(300));
        FanoutResult r = new FanoutRunner(settings, connector(new AtomicInteger()), rec)
                .run(List.of(fake.host("slow", "a"), fake.host("quick", "b")), List.of("echo started", "sleep"));
        assertEquals(new HostOutcome.TimedOut("ran past --command-timeout 0.3s"), r.results().get(0).outcome());
        assertEquals(255, r.exitStatus());
        assertEquals(2, fake.interrupts.get(), "each host's sleep got :interrupt");
        assertTrue(rec.events.contains("slow stdout started"));
    }

    @Test
    @Timeout(30)
    void interruptAllEndsRunningHostsAndUnstartedOnesAndKeepsWhatCame() throws Exception {
        fake = new FakeHosts();
        Recorder rec = new Recorder();
        List<Host> hosts = List.of(fake.host("h1", "a"), fake.host("h2", "b"), fake.host("h3", "c"));
        // fanout 2: h3 waits for a slot that only the interrupt frees
        FanoutRunner runner = new FanoutRunner(FanoutSettings.defaults().withFanout(2), connector(new AtomicInteger()), rec);
        Thread ctrlC = new Thread(() -> {
            try {
                for (int i = 0; i < 400 && fake.sleeping.get() < 2; i++) {
                    Thread.sleep(25);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runner.interruptAll();
        }, "test-ctrl-c");
        ctrlC.start();
        FanoutResult r = runner.run(hosts, List.of("echo before", "sleep", "echo after"));
        ctrlC.join();
        assertTrue(r.interrupted());
        assertEquals(new HostOutcome.Interrupted(130, null), r.results().get(0).outcome());
        assertEquals(new HostOutcome.Interrupted(130, null), r.results().get(1).outcome());
        assertEquals(new HostOutcome.Interrupted(130, "before it connected"), r.results().get(2).outcome());
        assertEquals(130, r.exitStatus());
        assertTrue(rec.events.contains("h1 stdout before") && rec.events.contains("h2 stdout before"), rec.events.toString());
        assertFalse(rec.events.stream().anyMatch(e -> e.endsWith("after")), "what was queued did not run");
        assertEquals(List.of("interrupted 2 h[1-2]", "interrupted 1 h3 (before it connected)"), r.summary());
    }

    @Test
    void badCommandLinesAreRefusedBeforeAnythingRuns() {
        FanoutRunner runner = new FanoutRunner(FanoutSettings.defaults(), h -> {
            throw new AssertionError("must not connect");
        }, new Recorder());
        assertThrows(IllegalArgumentException.class, () -> runner.run(List.of(Hosts.host("a")), List.of(":quit")));
    }

    @Test
    @Timeout(10)
    void thePasswordIsAskedOnceEvenWhenItFails() throws Exception {
        AtomicInteger asks = new AtomicInteger();
        SharedPassword shared = new SharedPassword(() -> {
            asks.incrementAndGet();
            throw new dev.rshell.client.connect.SessionFailure(dev.rshell.client.connect.SessionFailure.Kind.LOGIN,
                    "no password: use --password-file or RSHELL_PASSWORD");
        });
        List<Thread> threads = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    shared.password();
                } catch (dev.rshell.client.connect.SessionFailure f) {
                    failures.incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, asks.get());
        assertEquals(8, failures.get());
        assertEquals(null, shared.retry("again"));
    }
}
