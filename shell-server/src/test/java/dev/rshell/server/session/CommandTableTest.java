package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandTableTest {

    private final CommandTable table = new CommandTable();

    private RunningCommand foreground(long n) {
        table.numbered(n);
        return new RunningCommand(n, "sleep 1", false);
    }

    @Test
    void anInterruptForARunningCommandCancelsIt() {
        RunningCommand one = foreground(1);
        one.attach(Thread.currentThread());
        assertFalse(table.register(one));
        assertSame(one, table.foreground());
        assertEquals(CommandTable.Interrupt.CANCELLED, table.interrupt(-1, c -> { }));
        assertEquals(130, one.cancelStatus());
        assertTrue(Thread.interrupted(), "the command's thread was interrupted");
        table.unregister(one);
        assertNull(table.foreground());
        assertTrue(table.isEmpty());
    }

    @Test
    void anInterruptBeforeTheCommandStartsIsKeptForIt() {
        table.numbered(1);
        assertEquals(CommandTable.Interrupt.KEPT, table.interrupt(-1, c -> { }));
        assertTrue(table.register(new RunningCommand(1, "sleep 1", false)), "it starts interrupted");
    }

    @Test
    void aNumberedInterruptWaitsForThatCommandOnly() {
        RunningCommand one = foreground(1);
        table.register(one);
        table.numbered(2);
        table.numbered(3);
        assertEquals(CommandTable.Interrupt.KEPT, table.interrupt(3, c -> { }));
        table.unregister(one);
        assertFalse(table.register(new RunningCommand(2, "echo", false)));
        assertTrue(table.register(new RunningCommand(3, "sleep 1", false)));
    }

    @Test
    void commandsThatEndedOrWereNeverSentCantBeInterrupted() {
        RunningCommand one = foreground(1);
        table.register(one);
        table.unregister(one);
        assertEquals(CommandTable.Interrupt.NONE, table.interrupt(1, c -> { }));
        assertEquals(CommandTable.Interrupt.NONE, table.interrupt(2, c -> { }));
        assertEquals(CommandTable.Interrupt.NONE, table.interrupt(-1, c -> { }));
    }

    @Test
    void aKeptNumberlessInterruptDoesNotHitCommandsSentAfterIt() {
        table.numbered(1); // say, a background job still queued
        assertEquals(CommandTable.Interrupt.KEPT, table.interrupt(-1, c -> { }));
        assertFalse(table.register(new RunningCommand(1, "sleep 9 &", true)), "not the foreground");
        table.numbered(2);
        assertFalse(table.register(new RunningCommand(2, "sleep 1", false)),
                "a command typed after the interrupt is not its target");
    }

    @Test
    void interruptsKeptForLinesThatNeverStartAreForgotten() {
        table.numbered(1); // a syntax error: it never registers
        table.numbered(2);
        assertEquals(CommandTable.Interrupt.KEPT, table.interrupt(1, c -> { }));
        assertFalse(table.register(new RunningCommand(2, "echo", false)));
        table.numbered(3);
        assertFalse(table.register(new RunningCommand(3, "echo", false)));
        assertEquals(CommandTable.Interrupt.NONE, table.interrupt(1, c -> { }));
    }
}
