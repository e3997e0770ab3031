package dev.rshell.client.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.ServerLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the batch listener prints for the 1.1 output lines, and what it does with {@code more}. */
class BatchListenerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandTracker tracker = new CommandTracker();
    private final InputWindow window = new InputWindow(1);
    private final BatchListener listener = new BatchListener(new PrintStream(out, false, StandardCharsets.UTF_8),
            new PrintStream(err, false, StandardCharsets.UTF_8), tracker, () -> { }, window);

    @Test
    void outputIsWrittenExactlyTextLinesWithLfBytesAndPartsAsTheyAre() throws Exception {
        tracker.register();
        listener.onLine(new ServerLine.Out(1, "a"));
        listener.onLine(new ServerLine.OutBytes(1, new byte[] {'b', '\r', '\n', (byte) 0xFF, 'c'}));
        listener.onLine(new ServerLine.Part(1, ServerLine.Stream.OUT, "Continue? "));
        listener.onLine(new ServerLine.ErrBytes(1, new byte[] {0, (byte) 0xC3}));
        listener.onLine(new ServerLine.Part(1, ServerLine.Stream.ERR, "password: "));
        listener.onLine(new ServerLine.Err(1, "done"));
        listener.onIdle();
        assertArrayEquals(new byte[] {'a', '\n', 'b', '\r', '\n', (byte) 0xFF, 'c', 'C', 'o', 'n', 't', 'i', 'n', 'u',
            'e', '?', ' '}, out.toByteArray());
        assertArrayEquals(("\0\u00c3password: done\n").getBytes(StandardCharsets.ISO_8859_1), err.toByteArray());
    }

    @Test
    void moreGrantsTheInputCommandsWindowAndItsEndClosesIt() throws Exception {
        tracker.register();
        tracker.register();
        listener.onLine(new ServerLine.More(2, 999)); // another command's grant: not ours
        listener.onLine(new ServerLine.More(1, 262144));
        listener.onLine(new ServerLine.More(1, 65536));
        assertEquals(262144 + 65536, window.available());
        listener.onLine(new ServerLine.End(2, 0));
        assertEquals(false, window.closed());
        listener.onLine(new ServerLine.End(1, 0));
        assertTrue(window.closed());
        assertEquals(-1, window.await(1));
    }

    @Test
    void theConnectionsEndClosesTheWindow() {
        listener.onClosed(new dev.rshell.client.connect.ConnectionEnd.EndOfStream());
        assertTrue(window.closed());
    }
}
