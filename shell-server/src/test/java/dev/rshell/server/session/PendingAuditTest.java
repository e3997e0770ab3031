package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.server.audit.AuditEvent;
import dev.rshell.server.audit.AuditSink;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PendingAuditTest {

    private final List<AuditEvent> recorded = new CopyOnWriteArrayList<>();
    private final AuditSink sink = recorded::add;

    private static AuditEvent event(int n) {
        return new AuditEvent.Refused(Instant.EPOCH, "127.0.0." + n, "test");
    }

    @Test
    void eventsWaitForTheCommitAndKeepTheirOrder() {
        PendingAudit pending = new PendingAudit(sink);
        pending.add(event(1));
        pending.add(event(2));
        assertTrue(recorded.isEmpty());
        pending.commit();
        assertEquals(List.of(event(1), event(2)), recorded);
        pending.commit();
        assertEquals(2, recorded.size(), "a commit with nothing pending records nothing");
    }

    @Test
    void theEventThatFillsTheBatchWritesIt() {
        PendingAudit pending = new PendingAudit(sink);
        for (int i = 1; i < PendingAudit.MAX_EVENTS; i++) {
            pending.add(event(i));
        }
        assertTrue(recorded.isEmpty());
        pending.add(event(0));
        assertEquals(PendingAudit.MAX_EVENTS, recorded.size());
    }

    @Test
    void afterTheSessionEndsEventsAreRecordedAtOnce() {
        PendingAudit pending = new PendingAudit(sink);
        pending.add(event(1));
        pending.closeAndCommit();
        assertEquals(List.of(event(1)), recorded);
        pending.add(event(2)); // a command that ended after the teardown stopped waiting
        assertEquals(List.of(event(1), event(2)), recorded);
    }

    @Test
    void aCommitWaitsForABatchAnotherThreadIsStillWriting() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuditSink slow = new AuditSink() {
            @Override
            public void record(AuditEvent event) {
                recorded.add(event);
            }

            @Override
            public void recordAll(List<? extends AuditEvent> events) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.addAll(events);
            }
        };
        PendingAudit pending = new PendingAudit(slow);
        pending.add(event(1));
        Thread first = new Thread(pending::commit);
        first.start();
        assertTrue(writing.await(10, TimeUnit.SECONDS));
        // The batch with event 1 is being written; a flusher now must not send event 1's
        // end before that write is done, although its own batch is empty.
        Thread second = new Thread(pending::commit);
        second.start();
        second.join(200);
        assertTrue(second.isAlive(), "the second commit returned while the first batch was unwritten");
        assertFalse(recorded.contains(event(1)));
        release.countDown();
        second.join(10_000);
        first.join(10_000);
        assertFalse(second.isAlive());
        assertEquals(List.of(event(1)), recorded);
    }
}
