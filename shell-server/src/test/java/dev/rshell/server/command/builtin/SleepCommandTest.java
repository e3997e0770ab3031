package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SleepCommandTest {

    @TempDir
    Path home;

    @Test
    @Timeout(10)
    void sleepsForDecimalSeconds() throws Exception {
        FakeContext context = new FakeContext(home);
        long start = System.nanoTime();
        assertEquals(0, context.run("sleep", "0.2"));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= 200, "slept only " + elapsedMillis + " ms");
        assertEquals(0, context.run("sleep", "0"));
        assertEquals(0, context.run("sleep", ".01"));
        assertEquals(0, context.run("sleep", "0."));
        assertEquals(List.of(), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    @Timeout(10)
    void badNumbersAreUsageErrors() throws Exception {
        for (String bad : List.of("abc", "-1", "+1", "1e3", "31536001", "31536000.5", "", "1.5s",
                ".", "Infinity", "NaN", "0x10", "1234567890")) {
            FakeContext context = new FakeContext(home);
            assertEquals(2, context.run("sleep", bad), bad);
            assertEquals(List.of("sleep: SECONDS must be a number from 0 to 31536000",
                    "usage: sleep SECONDS"), context.err, bad);
        }
    }

    @Test
    void missingOrExtraArgumentsAreUsageErrors() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("sleep"));
        assertEquals(2, context.run("sleep", "1", "2"));
        assertEquals(List.of("sleep: missing SECONDS", "usage: sleep SECONDS",
                "sleep: too many arguments", "usage: sleep SECONDS"), context.err);
    }

    @Test
    @Timeout(10)
    void interruptEndsTheSleepWithInterruptedException() throws Exception {
        assertInstanceOf(InterruptedException.class, sleepAndInterrupt("60"));
    }

    @Test
    @Timeout(10)
    void theLargestAllowedSleepIsAcceptedAndStillInterruptible() throws Exception {
        assertInstanceOf(InterruptedException.class, sleepAndInterrupt("31536000"));
    }

    /** Runs sleep on its own thread, interrupts it once it sleeps; what it threw, or null. */
    private Throwable sleepAndInterrupt(String seconds) throws Exception {
        FakeContext context = new FakeContext(home);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread sleeper = new Thread(() -> {
            try {
                context.run("sleep", seconds);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        }, "sleeper");
        sleeper.start();
        while (sleeper.getState() != Thread.State.TIMED_WAITING && !outcome.isDone()) {
            Thread.sleep(5);
        }
        sleeper.interrupt();
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        sleeper.join(5000);
        return thrown;
    }
}
