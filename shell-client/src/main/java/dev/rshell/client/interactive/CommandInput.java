package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ServerLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standard input of the one command running in the foreground with {@code :stdin}: how much
 * the server lets the shell send for it (its window, from {@code more} lines), and what it printed
 * with no newline yet ({@code part} lines), which is the prompt of the line the user types to it.
 *
 * <p>Pending text: each {@code part} adds a piece. A piece leaves in one of three ways, exactly
 * once: an {@code out}/{@code err} line of its stream completes it ({@link #line}: the piece's text
 * and the line's are one screen line); the user ends the line typed after it ({@link #claim}: the
 * piece is the start of that screen line); or the command ends ({@link #takeAll}). So every byte
 * the command wrote is shown once, in order within its stream.
 *
 * <p>Thread safety: every method is synchronized on this object. The reader thread reports
 * ({@link #granted}, {@link #part}, {@link #line}, {@link #takeAll}, {@link #done}); the input
 * thread reads the prompt, claims what it showed, and spends the window ({@link #spend} and
 * {@link #spendPrefix}, which wait, bounded, and return early when the command is done).
 */
final class CommandInput {

    /** Text a command wrote with no newline after it yet, on one of its streams. */
    record Piece(long id, ServerLine.Stream stream, String text) {
    }

    private final long command;
    private final List<Piece> pending = new ArrayList<>();
    private long nextId;
    private long window;
    private boolean done;

    CommandInput(long command) {
        this.command = command;
    }

    /** The command's number. */
    long command() {
        return command;
    }

    // ---- reader thread

    /** A {@code more} line: the shell may send {@code bytes} more. */
    synchronized void granted(long bytes) {
        window = bytes > Long.MAX_VALUE - window ? Long.MAX_VALUE : window + bytes;
        notifyAll();
    }

    /** A {@code part} line: {@code text} was written to {@code stream} with no newline yet. */
    synchronized void part(ServerLine.Stream stream, String text) {
        if (!text.isEmpty()) {
            pending.add(new Piece(++nextId, stream, text));
        }
    }

    /**
     * An {@code out} or {@code err} line of the command: the screen line it ends, which starts
     * with the pending pieces of {@code stream} (they leave); null when none was pending, so the
     * line is {@code text} alone and the prompt did not change.
     */
    synchronized String line(ServerLine.Stream stream, String text) {
        StringBuilder b = null;
        for (Iterator<Piece> it = pending.iterator(); it.hasNext(); ) {
            Piece p = it.next();
            if (p.stream() == stream) {
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(p.text());
                it.remove();
            }
        }
        return b == null ? null : b.append(text).toString();
    }

    /** The command ended: what is still pending, to show as the last line (it leaves). */
    synchronized List<Piece> takeAll() {
        List<Piece> all = List.copyOf(pending);
        pending.clear();
        return all;
    }

    /** The command ended or went to the background, or the session is over: no input goes any more. */
    synchronized void done() {
        done = true;
        notifyAll();
    }

    // ---- input thread

    /** True once {@link #done()}. */
    synchronized boolean isDone() {
        return done;
    }

    /** The pending pieces, in the order written: the prompt to show now. */
    synchronized List<Piece> prompt() {
        return List.copyOf(pending);
    }

    /**
     * The user ended the line typed after {@code shown}: those of its pieces still pending leave
     * and are returned (the start of the screen line); one that left meanwhile is not shown twice.
     */
    synchronized List<Piece> claim(List<Piece> shown) {
        List<Piece> claimed = new ArrayList<>();
        for (Piece p : shown) {
            if (pending.remove(p)) {
                claimed.add(p);
            }
        }
        return claimed;
    }

    /**
     * Takes {@code bytes} from the window, waiting at most {@code limit} for a {@code more} when
     * there is not enough room.
     *
     * @return false, taking nothing, when the room did not come in time or the command is done
     */
    synchronized boolean spend(long bytes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (window < bytes && !done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (done) {
            return false;
        }
        window -= bytes;
        return true;
    }

    /**
     * Takes from the window the costs of as many lines as fit, starting at {@code costs[from]},
     * waiting at most {@code limit} for a {@code more} when not even the first fits.
     *
     * @return how many lines were paid for: 0 when no room came in time or the command is done
     */
    synchronized int spendPrefix(long[] costs, int from, Duration limit) throws InterruptedException {
        if (from >= costs.length || !spend(costs[from], limit)) {
            return 0;
        }
        int paid = 1;
        while (from + paid < costs.length && window >= costs[from + paid]) {
            window -= costs[from + paid];
            paid++;
        }
        return paid;
    }

    /** The text of {@code pieces}, concatenated. */
    static String text(List<Piece> pieces) {
        StringBuilder b = new StringBuilder();
        for (Piece p : pieces) {
            b.append(p.text());
        }
        return b.toString();
    }
}
