package dev.rshell.server.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pre-login budget: what is written, what is counted instead, and the summary. */
class PreLoginAuditTest {

    private final List<AuditEvent> written = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final AuditSink sink = written::add;

    private static AuditEvent refused(String address) {
        return new AuditEvent.Refused(Instant.EPOCH, address, "busy");
    }

    private static long bytes(List<AuditEvent> events) {
        return events.stream().mapToLong(e -> AuditFormat.line(e).length).sum();
    }

    @Test
    void aFloodFromOneAddressIsCutAtItsBudgetAndSummarisedOnceTheWindowIsOver() {
        PreLoginAudit audit = new PreLoginAudit(sink, now::get, Duration.ofSeconds(60), 16_384, 1024);
        int admitted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (audit.record("10.0.0.9", refused("10.0.0.9"))) {
                admitted++;
            }
        }
        assertTrue(bytes(written) <= 1024, bytes(written) + " bytes written");
        assertEquals(admitted, written.size());
        assertTrue(audit.record("10.0.0.10", refused("10.0.0.10")), "another address has its own budget");
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        audit.flush();
        AuditEvent.Suppressed summary = (AuditEvent.Suppressed) written.get(written.size() - 1);
        assertEquals(10_000 - admitted, summary.events());
        assertEquals(1, summary.addresses());
        assertEquals(List.of("10.0.0.9 " + (10_000 - admitted)), summary.top());
        assertTrue(audit.record("10.0.0.9", refused("10.0.0.9")), "a new window has a new budget");
    }

    @Test
    void manyAddressesShareTheWindowBudgetAndTheSummaryNamesTheWorst() {
        PreLoginAudit audit = new PreLoginAudit(sink, now::get, Duration.ofSeconds(60), 16_384, 4096);
        for (int i = 0; i < 50_000; i++) {
            String address = "10.1." + (i % 200) + "." + (i % 7);
            audit.record(address, refused(address));
        }
        assertTrue(bytes(written) <= 16_384, bytes(written) + " bytes written");
        audit.close();
        AuditEvent.Suppressed summary = (AuditEvent.Suppressed) written.get(written.size() - 1);
        assertEquals(PreLoginAudit.TOP, summary.top().size());
        assertTrue(AuditFormat.line(summary).length <= PreLoginAudit.SUMMARY_BYTES_MAX);
        written.clear();
        audit.close();
        assertTrue(written.isEmpty(), "nothing left out, no summary");
    }

    @Test
    void eventsOfOneConnectionAreKeptOrLeftOutTogether() {
        PreLoginAudit audit = new PreLoginAudit(sink, now::get, Duration.ofSeconds(60), 16_384, 300);
        List<AuditEvent> pair = List.of(new AuditEvent.Connected(Instant.EPOCH, 1, "10.0.0.1"),
                new AuditEvent.Disconnected(Instant.EPOCH, 1, null, "10.0.0.1", "login timeout"));
        assertTrue(audit.record("10.0.0.1", pair));
        assertFalse(audit.record("10.0.0.1", pair));
        assertEquals(pair, written);
    }

    @Test
    void aConnectionInTheLogHasItsDisconnectThereEvenOverBudget() {
        PreLoginAudit audit = new PreLoginAudit(sink, now::get, Duration.ofSeconds(60), 16_384, 16_384);
        AuditEvent.Connected connect = new AuditEvent.Connected(Instant.EPOCH, 1, "10.0.0.1");
        AuditEvent failed = new AuditEvent.Refused(Instant.EPOCH, "10.0.0.1", "x".repeat(200));
        assertTrue(audit.record("10.0.0.1", List.of(connect, failed)));
        while (audit.record("10.0.0.2", new AuditEvent.Refused(Instant.EPOCH, "10.0.0.2", "busy"))) {
            assertTrue(bytes(written) <= 16_384, "the budget is kept");
        }
        AuditEvent.Disconnected gone = new AuditEvent.Disconnected(Instant.EPOCH, 1, null, "10.0.0.1", "goodbye");
        audit.recordPaid("10.0.0.1", gone);
        assertEquals(gone, written.get(written.size() - 1), "the disconnect of a logged connect is written");
        assertTrue(bytes(written) <= 16_384, bytes(written) + " bytes: its reserve paid for it");
    }
}
