package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rshell.common.protocol.ServerLine;
import dev.rshell.common.protocol.ServerLineParser;
import java.util.List;
import org.jline.reader.LineReaderBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader thread's listener fed server lines by hand, its screen read back: what it prints
 * of a command the user interrupted (issue 9, item 12).
 */
@Timeout(30)
class ShellListenerTest {

    private static final String NOTE = "(output dropped after interrupt)";

    VirtualScreen vt;
    SessionState state;
    ShellListener listener;

    @BeforeEach
    void start() throws Exception {
        vt = new VirtualScreen();
        Screen screen = new Screen(LineReaderBuilder.builder().terminal(vt.terminal()).build(), false);
        state = new SessionState();
        listener = new ShellListener(state, new Outgoing(), screen, () -> { });
    }

    @AfterEach
    void stop() throws Exception {
        vt.close();
    }

    private void feed(String... lines) throws Exception {
        for (String line : lines) {
            ServerLine parsed = ServerLineParser.parse(line);
            listener.onLine(parsed);
        }
    }

    @Test
    void anInterruptedCommandsOutputIsDroppedUntilItsEndWithOneNoteWhenSomethingWasDropped() throws Exception {
        long n = state.startForeground(false);
        feed("out 1 a", "err 1 b");
        state.interrupting(n);
        // What the socket buffers still held: far more lines than the screen has rows.
        for (int i = 0; i < 5000; i++) {
            feed(i % 2 == 0 ? "out 1 y" : "err 1 y");
        }
        feed("err 1 " + NOTE, "end 1 130"); // the server's own note: the one already shown stands for it
        state.startForeground(false);
        feed("out 2 after", "end 2 0");
        long sleep = state.startForeground(false);
        state.interrupting(sleep);
        feed("end 3 130"); // nothing was written, nothing dropped: no note
        state.startForeground(false);
        feed("err 4 " + NOTE, "end 4 1"); // not interrupted: a command's own line, shown
        long quiet = state.startForeground(false);
        state.interrupting(quiet);
        feed("err 5 " + NOTE, "end 5 130"); // only the server dropped something: its note, once
        state.startForeground(false);
        feed("out 6 last", "end 6 0"); // lines print in order: once this shows, all before it did
        vt.awaitScreen(List.of("a", "b", NOTE, "after", NOTE, NOTE, "last"));
        assertEquals(NOTE, ShellListener.DROPPED_NOTE, "the server's words");
    }

    @Test
    void otherCommandsOutputStillShowsWhileAnInterruptedOnesIsDropped() throws Exception {
        long job = state.startForeground(false);
        feed("bg 1");
        state.awaitForeground(null);
        long fg = state.startForeground(false);
        state.interrupting(fg);
        feed("out 2 y", "out 1 from the job", "out 2 y", "end 2 130", "out 1 still", "end 1 0");
        vt.awaitScreen(List.of("[" + job + "]", NOTE, "from the job", "still", "[1] done"));
    }
}
