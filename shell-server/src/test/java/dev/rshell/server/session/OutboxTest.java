package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bye} is the last line on the wire. Regression: the fuzz fault test saw {@code end N}
 * after {@code bye} when the runner took a command from the queue just as the session began to
 * close; the teardown did not wait for it, and its lines followed {@code bye}.
 */
class OutboxTest {

    @Test
    void theHookRunsBeforeEveryWriteAndSeesWhatIsAboutToGoOut() throws Exception {
        // The session records the audit events of the end lines there: they must be in the
        // log before the client can read those ends.
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<String> seenByHook = new ArrayList<>();
        Outbox outbox = new Outbox(wire, 1024, e -> { },
                () -> seenByHook.add(wire.toString(StandardCharsets.UTF_8)), new LongAdder());
        outbox.append("out 1 hi");
        outbox.append("end 1 0");
        assertTrue(seenByHook.isEmpty(), "nothing written, nothing to record yet");
        outbox.flush();
        outbox.send("end 2 0");
        assertEquals(List.of("", "out 1 hi\nend 1 0\n"), seenByHook);
        assertEquals("out 1 hi\nend 1 0\nend 2 0\n", wire.toString(StandardCharsets.UTF_8));
    }

    @Test
    void linesAppendedAfterTheLastLineAreDropped() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Outbox outbox = new Outbox(wire, 1024, e -> { }, () -> { }, new LongAdder());
        outbox.append("out 1 hi");
        outbox.sendLast("bye goodbye");
        outbox.append("end 1 0");
        outbox.send("end 2 130");
        outbox.flush();
        assertEquals("out 1 hi\nbye goodbye\n", wire.toString(StandardCharsets.UTF_8));
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aProducerWaitingForRoomWhenTheLastLineGoesOutIsDropped() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                wire.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                wire.write(b, off, len);
            }
        };
        Outbox outbox = new Outbox(slow, 16, e -> { }, () -> { }, new LongAdder());
        Thread flusher = new Thread(() -> outbox.sendUninterruptibly("out 1 first"));
        flusher.start();
        assertTrue(writing.await(5, TimeUnit.SECONDS));
        outbox.append("out 1 0123456789"); // fills the buffer behind the stalled write
        Thread producer = new Thread(() -> outbox.sendUninterruptibly("end 1 0"));
        producer.start();
        while (producer.getState() != Thread.State.WAITING) { // it waits for room
            Thread.sleep(5);
        }
        Thread closer = new Thread(() -> outbox.sendLast("bye shutting down"));
        closer.start();
        while (closer.getState() != Thread.State.WAITING) {
            Thread.sleep(5);
        }
        // Whichever of the two gets the room first, the end that comes after bye is dropped.
        release.countDown();
        flusher.join();
        producer.join();
        closer.join();
        String sent = wire.toString(StandardCharsets.UTF_8);
        assertTrue(sent.endsWith("bye shutting down\n"), sent);
        assertTrue(sent.startsWith("out 1 first\nout 1 0123456789\n"), sent);
    }

    @Test
    void discardDropsOneCommandsQueuedLinesAndMutesItsLaterOnes() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Outbox outbox = new Outbox(wire, 1024, e -> { }, () -> { }, new LongAdder());
        Outbox.Muted three = new Outbox.Muted();
        outbox.append("out 3 a", three);
        outbox.append("out 31 other command");
        outbox.append("err 3 b", three);
        outbox.append("cwd /tmp");
        assertEquals(2, outbox.discard(three, "out 3 ", "err 3 "));
        outbox.append("out 3 late", three);
        outbox.append("end 3 130");
        outbox.flush();
        assertEquals("out 31 other command\ncwd /tmp\nend 3 130\n", wire.toString(StandardCharsets.UTF_8));
    }
}
