package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** jobs, kill and wait over the fake context's list of background commands. */
@Timeout(10)
class JobCommandsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path home;

    private FakeContext threeJobs() {
        FakeContext context = new FakeContext(home);
        context.commandNumber = 10;
        return context.job(2, "sleep 30", NOW.minusSeconds(12))
                .job(5, "tail -f /var/log/syslog", NOW.minusSeconds(192))
                .job(7, "find / -name x", NOW.minusSeconds(3720));
    }

    private static JobsCommand jobs() {
        return new JobsCommand(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void jobsListsNumberStateRunningTimeAndLine() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(0, context.run(jobs()));
        assertEquals(List.of("[2] running 12s  sleep 30",
                "[5] running 3m12s  tail -f /var/log/syslog",
                "[7] running 1h02m  find / -name x"), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void jobsPrintsNothingWithoutJobsAndLeavesItselfOut() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(jobs()));
        assertEquals(List.of(), context.out);
        context.commandNumber = 4;
        context.job(4, "jobs", NOW).job(3, "sleep 9\u0007", NOW.plusSeconds(5));
        assertEquals(0, context.run(jobs()));
        // A start time after now (clock set back) shows 0s; control characters become '?'.
        assertEquals(List.of("[3] running 0s  sleep 9?"), context.out);
    }

    @Test
    void jobsTakesNoArguments() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("jobs", "-l"));
        assertEquals(List.of("jobs: invalid option -- 'l'", "usage: jobs"), context.err);
    }

    @Test
    void durations() {
        assertEquals("0s", Durations.elapsed(Duration.ZERO));
        assertEquals("59s", Durations.elapsed(Duration.ofSeconds(59)));
        assertEquals("1m00s", Durations.elapsed(Duration.ofSeconds(60)));
        assertEquals("3m12s", Durations.elapsed(Duration.ofSeconds(192)));
        assertEquals("1h02m", Durations.elapsed(Duration.ofSeconds(3723)));
        assertEquals("2d03h", Durations.elapsed(Duration.ofHours(51).plusMinutes(5)));
        assertEquals("0s", Durations.elapsed(Duration.ofSeconds(-5)));
        assertEquals("0s", Durations.idle(Duration.ofMillis(900)));
        assertEquals("42s", Durations.idle(Duration.ofSeconds(42)));
        assertEquals("3m", Durations.idle(Duration.ofSeconds(192)));
        assertEquals("1h02m", Durations.idle(Duration.ofSeconds(3723)));
    }

    @Test
    void killInterruptsByNumberOrPercentNumber() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(0, context.run("kill", "2"));
        assertEquals(0, context.run("kill", "%5"));
        assertEquals(List.of(2L, 5L), context.interrupted);
        assertEquals(List.of(), context.out);
        assertEquals(List.of(), context.err);
        assertEquals(List.of(7L), context.jobs().stream().map(j -> j.number()).toList());
    }

    @Test
    void killOfAMissingJobIsStatusOneAndTheOthersAreStillKilled() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(1, context.run("kill", "9", "%7", "2"));
        assertEquals(List.of("kill: 9: no such background command"), context.err);
        assertEquals(List.of(9L, 7L, 2L), context.interrupted);
    }

    @Test
    void killIsNotTheOsKill() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(2, context.run("kill", "-9", "1234"));
        assertEquals(List.of("kill: no signals or options: it ends this session's background"
                + " commands; for OS processes run command kill ARGS (or /bin/kill)", "usage: kill N..."), context.err);
        assertEquals(List.of(), context.interrupted);
    }

    @Test
    void killUsageErrors() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("x"), List.of("%"), List.of("0"),
                List.of("%%1"), List.of("1.5"))) {
            FakeContext context = threeJobs();
            assertEquals(2, context.run("kill", args.toArray(String[]::new)), args.toString());
            assertEquals("usage: kill N...", context.err.get(context.err.size() - 1));
            assertEquals(List.of(), context.interrupted);
        }
    }

    @Test
    void waitWithoutNumbersWaitsForEveryEarlierJobAndAnswersZero() throws Exception {
        FakeContext context = threeJobs();
        context.jobStatuses.put(5L, 3);
        context.job(12, "sleep 1", NOW); // started after this wait: not waited for
        assertEquals(0, context.run("wait"));
        assertEquals(List.of(2L, 5L, 7L), context.awaited);
        assertEquals(List.of(), context.out);
        assertEquals(List.of(), context.err);
    }

    @Test
    void waitWithNumbersAnswersTheLastOnesStatus() throws Exception {
        FakeContext context = threeJobs();
        context.jobStatuses.put(5L, 3);
        context.jobStatuses.put(7L, 130);
        assertEquals(3, context.run("wait", "5"));
        assertEquals(130, context.run("wait", "%2", "%7"));
        assertEquals(List.of(5L, 2L, 7L), context.awaited);
        assertEquals(List.of(), context.err);
    }

    @Test
    void waitForAMissingJobIs127() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(127, context.run("wait", "9"));
        assertEquals(List.of("wait: 9: no such background command"), context.err);
    }

    @Test
    void waitForItselfIsRefused() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(1, context.run("wait", "%10"));
        assertEquals(List.of("wait: %10: this is the wait command itself"), context.err);
        assertEquals(List.of(), context.awaited);
    }

    @Test
    void waitUsageErrors() throws Exception {
        FakeContext context = threeJobs();
        assertEquals(2, context.run("wait", "-n"));
        assertEquals(List.of("wait: no options: N is a number as jobs shows it",
                "usage: wait [N...]"), context.err);
    }

    @Test
    void waitIsInterruptible() throws Exception {
        FakeContext context = threeJobs();
        context.jobsEnd = new CountDownLatch(1);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                context.run("wait");
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "waiter");
        waiter.start();
        try {
            while (waiter.getState() != Thread.State.WAITING && !outcome.isDone()) {
                Thread.sleep(5);
            }
            waiter.interrupt();
            assertInstanceOf(InterruptedException.class, outcome.get(5, TimeUnit.SECONDS));
        } finally {
            waiter.interrupt();
            waiter.join(5000);
        }
        assertFalse(waiter.isAlive());
        assertEquals(List.of(2L), context.awaited);
    }

    @Test
    void onlyWaitMayBlock() {
        FakeContext context = new FakeContext(home);
        assertTrue(context.registry.find("wait").orElseThrow().mayBlock());
        assertFalse(context.registry.find("jobs").orElseThrow().mayBlock());
        assertFalse(context.registry.find("kill").orElseThrow().mayBlock());
    }
}
