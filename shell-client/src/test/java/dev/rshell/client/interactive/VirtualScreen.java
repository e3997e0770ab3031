package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jline.terminal.Terminal;
import org.jline.utils.ScreenTerminal;

/**
 * A terminal of fixed size whose screen the test can read: JLine's line-discipline terminal
 * (it turns a typed Ctrl-C into SIGINT as a tty does) wired to JLine's screen emulator.
 * Keys are typed with {@link #type}; the screen is read as text lines and a cursor.
 */
final class VirtualScreen implements AutoCloseable {

    static final int COLUMNS = 80;
    static final int ROWS = 24;

    private final ScreenTerminal.VirtualTerminal virtual;

    VirtualScreen() throws IOException {
        virtual = ScreenTerminal.withTerminal("rshell-test", "xterm-256color", COLUMNS, ROWS);
    }

    Terminal terminal() {
        return virtual.terminal();
    }

    /** Types keys, as a user would (\r for Enter, \u0003 for Ctrl-C, \u0004 for Ctrl-D, \t). */
    void type(String keys) throws IOException {
        virtual.terminal().processInputBytes(keys.getBytes(StandardCharsets.UTF_8));
    }

    /** The screen's rows, right-trimmed. */
    List<String> lines() {
        long[] cells = new long[COLUMNS * ROWS];
        virtual.screen().dump(cells, null);
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < ROWS; row++) {
            StringBuilder b = new StringBuilder();
            for (int col = 0; col < COLUMNS; col++) {
                int cp = ScreenTerminal.cellCodePoint(cells[row * COLUMNS + col]);
                b.appendCodePoint(cp == 0 ? ' ' : cp);
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }

    /** The cell at a row and column, for its attributes. */
    long cell(int row, int col) {
        long[] cells = new long[COLUMNS * ROWS];
        virtual.screen().dump(cells, null);
        return cells[row * COLUMNS + col];
    }

    /** {column, row} of the cursor. */
    int[] cursor() {
        int[] cursor = new int[2];
        virtual.screen().dump(new long[COLUMNS * ROWS], cursor);
        return cursor;
    }

    /** The screen's non-empty rows, the trailing empty ones dropped. */
    List<String> text() {
        List<String> lines = new ArrayList<>(lines());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The last non-empty row. */
    String lastLine() {
        List<String> t = text();
        return t.isEmpty() ? "" : t.get(t.size() - 1);
    }

    /** Waits (polling, at most {@code limit}) until the screen satisfies {@code test}. */
    List<String> await(Predicate<List<String>> test, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<String> t = text();
            if (test.test(t)) {
                return t;
            }
            if (System.nanoTime() > deadline) {
                fail("screen never showed " + what + ":\n" + String.join("\n", t));
            }
            Thread.sleep(10);
        }
    }

    /** Waits until the last non-empty row equals {@code line}. */
    List<String> awaitLastLine(String line) throws InterruptedException {
        return await(t -> !t.isEmpty() && t.get(t.size() - 1).equals(line), Duration.ofSeconds(5),
                "last line [" + line + "]");
    }

    /** Waits until the screen's non-empty rows are exactly {@code lines}. */
    List<String> awaitScreen(List<String> lines) throws InterruptedException {
        return await(t -> t.equals(lines), Duration.ofSeconds(5), String.join("\n", lines));
    }

    /** Waits until some row equals {@code line}. */
    List<String> awaitRow(String line) throws InterruptedException {
        return await(t -> t.contains(line), Duration.ofSeconds(5), "a row [" + line + "]");
    }

    @Override
    public void close() throws IOException {
        virtual.terminal().close();
    }
}
