package dev.rshell.server.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rshell.common.thread.VirtualThreads;
import dev.rshell.config.ThreadKind;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pools' bounds, kinds and shutdown, with real threads. The virtual-thread cases need Java
 * 21 and are skipped (assumption) on an older JDK; the end-to-end test runs a real server on a
 * Java 21+ JDK when the machine has one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerThreadsTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private ServerThreads threads;

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        if (threads != null) {
            threads.shutdown(System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
        }
    }

    private Runnable blocked(CountDownLatch started) {
        return () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Fills {@code pool} with blocked tasks until it refuses one; answers how many it took. */
    private int fill(ExecutorService pool, int atMost) throws InterruptedException {
        for (int n = 0; n < atMost; n++) {
            CountDownLatch started = new CountDownLatch(1);
            try {
                pool.execute(blocked(started));
            } catch (RejectedExecutionException e) {
                return n;
            }
            assertTrue(started.await(10, TimeUnit.SECONDS), "task " + n + " did not start");
        }
        return atMost;
    }

    @Test
    void eachPoolTakesItsBoundAndRefusesTheNext() throws InterruptedException {
        threads = ServerThreads.create(ThreadKind.PLATFORM, 4, 2, 1);
        assertEquals(2 + 16, fill(threads.startups(), 100), "startups: max-startups + 16");
        assertEquals(4 + 16, fill(threads.sessions(), 100), "readers: max-sessions + 16");
        assertEquals(4 + 16, fill(threads.runners(), 100), "runners: max-sessions + 16");
        assertEquals(4 + 16 + 4, fill(threads.jobs(), 100), "jobs: max-sessions + 16 + max-sessions x max-jobs");
        assertEquals(18 + 20 + 20 + 24, threads.busy());
        release.countDown();
        assertTrue(threads.shutdown(System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
        assertEquals(0, threads.busy());
    }

    @Test
    void refusalsRunFourHandshakesAtOnceAndQueueThirtyTwo() throws InterruptedException {
        threads = ServerThreads.create(ThreadKind.PLATFORM, 4, 2, 1);
        CountDownLatch fourStarted = new CountDownLatch(4);
        for (int i = 0; i < 4; i++) {
            threads.refusals().execute(blocked(fourStarted));
        }
        assertTrue(fourStarted.await(10, TimeUnit.SECONDS), "four refusals run at once, none waits in the queue");
        for (int i = 0; i < 32; i++) {
            threads.refusals().execute(() -> { });
        }
        assertThrows(RejectedExecutionException.class, () -> threads.refusals().execute(() -> { }));
    }

    @Test
    void shutdownInterruptsWhatOutlivesTheDeadline() throws InterruptedException {
        threads = ServerThreads.create(ThreadKind.PLATFORM, 1, 1, 1);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        threads.runners().execute(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // never counted down: only an interrupt ends it
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(threads.shutdown(System.nanoTime()), "a task outlived the deadline");
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the straggler was interrupted");
    }

    @Test
    void platformThreadsAreNamedDaemonsOfTheirPool() throws InterruptedException {
        threads = ServerThreads.create(ThreadKind.PLATFORM, 1, 1, 1);
        assertEquals(ThreadKind.PLATFORM, threads.kind());
        List<ExecutorService> pools = List.of(threads.startups(), threads.sessions(), threads.runners(),
                threads.jobs());
        List<String> prefixes = List.of("rshell-startup-", "rshell-session-", "rshell-runner-", "rshell-job-");
        for (int i = 0; i < pools.size(); i++) {
            Thread t = threadOf(pools.get(i));
            assertTrue(t.getName().startsWith(prefixes.get(i)), t.getName());
            assertTrue(t.isDaemon(), t.getName());
            assertEquals("java.lang.Thread", t.getClass().getName());
        }
        Thread acceptor = threads.thread("rshell-acceptor", false, () -> { });
        assertEquals("rshell-acceptor", acceptor.getName());
        assertFalse(acceptor.isDaemon());
    }

    @Test
    void virtualNeedsJava21() {
        assumeFalse(VirtualThreads.available(), "this JDK has virtual threads");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ServerThreads.create(ThreadKind.VIRTUAL, 1, 1, 1));
        assertEquals("threads = virtual needs Java 21 or later; this is Java " + Runtime.version().feature(),
                e.getMessage());
    }

    @Test
    void virtualPoolsRunVirtualThreadsWithinTheSameBounds() throws InterruptedException {
        assumeTrue(VirtualThreads.available(), "virtual threads need Java 21; this is Java "
                + Runtime.version().feature());
        threads = ServerThreads.create(ThreadKind.VIRTUAL, 4, 2, 1);
        Thread reader = threadOf(threads.sessions());
        assertEquals("java.lang.VirtualThread", reader.getClass().getName());
        assertTrue(reader.getName().startsWith("rshell-session-"), reader.getName());
        assertEquals(4 + 16, fill(threads.sessions(), 100));
        assertEquals("java.lang.Thread", threadOf(threads.timers()).getClass().getName(),
                "the watchdog's timer stays a platform thread");
    }

    private static Thread threadOf(ExecutorService pool) throws InterruptedException {
        AtomicReference<Thread> seen = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(() -> {
            seen.set(Thread.currentThread());
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        return seen.get();
    }
}
