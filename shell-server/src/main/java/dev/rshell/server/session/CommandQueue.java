package dev.rshell.server.session;

import dev.rshell.common.command.ParseResult;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lines a session has read but not yet run, bounded in lines and bytes
 * ({@code max-pending-lines}, {@code max-pending-bytes}), and the on-demand runner's
 * lifecycle.
 *
 * <p>The reader thread {@link #put}s items; when the queue is full it blocks, so the socket
 * is no longer read and TCP pushes back on a flooding client. The runner is not a thread that
 * waits here: {@link #put} answers {@code true} when no runner is active, and the caller then
 * starts one; the runner takes items with {@link #next()} until that answers {@code null},
 * which also retires it. An idle session therefore holds no runner thread, and each command
 * costs exactly one hand-off (reader to runner) when the runner is not already busy.
 *
 * <p>Thread safety: thread-safe; one lock guards the deque, the byte count and the runner
 * flag together so a put can never be stranded between "runner retires" and "runner needed".
 */
final class CommandQueue {

    /** Something the runner does in order with command lines. */
    sealed interface Item {
        /** Bytes this item counts against {@code max-pending-bytes}. */
        long bytes();
    }

    /**
     * A numbered command line. {@code parsed} is its parse when the reader already made one
     * while the queue was idle (it is then valid when the line runs: nothing can run before
     * it), else null and the runner parses the line when it runs.
     */
    record CommandItem(long number, String text, long bytes, ParseResult parsed, boolean input) implements Item {

        CommandItem(long number, String text, long bytes) {
            this(number, text, bytes, null, false);
        }

        /** A command line that came with {@code :stdin}: its input was opened when it was read. */
        static CommandItem withInput(long number, String text, long bytes) {
            return new CommandItem(number, text, bytes, null, true);
        }

        CommandItem withParse(ParseResult result) {
            return new CommandItem(number, text, bytes, result, input);
        }
    }

    /** A numbered line whose bytes were discarded for exceeding {@code max-line}. */
    record TooLongItem(long number, long lineBytes) implements Item {
        @Override
        public long bytes() {
            return 0;
        }
    }

    /** A reply that must come in order with command output ({@code :login} once logged in). */
    record ReplyItem(String line) implements Item {
        @Override
        public long bytes() {
            return 0;
        }
    }

    /** {@code :quit}: the session ends once everything before it has run. */
    record QuitItem() implements Item {
        @Override
        public long bytes() {
            return 0;
        }
    }

    private final int maxLines;
    private final long maxBytes;
    private final ArrayDeque<Item> items = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private long bytes;
    private boolean runnerActive;
    private boolean closed;

    CommandQueue(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /**
     * Queues an item, blocking while the queue is full.
     *
     * @return true when the caller must start a runner for this queue
     * @throws InterruptedException if interrupted while waiting for room
     */
    boolean put(Item item) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            // An item larger than max-pending-bytes alone is still taken into an empty queue.
            while (!closed && !items.isEmpty()
                    && (items.size() >= maxLines || bytes + item.bytes() > maxBytes)) {
                notFull.await();
            }
            if (closed) {
                return false;
            }
            items.addLast(item);
            bytes += item.bytes();
            if (runnerActive) {
                return false;
            }
            runnerActive = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The next item for the runner, or null: then the runner has retired and must return. */
    Item next() {
        lock.lock();
        try {
            Item item = closed ? null : items.pollFirst();
            if (item == null) {
                runnerActive = false;
                return null;
            }
            bytes -= item.bytes();
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    /**
     * True when nothing is queued and no runner is active. Only the reader puts, so once it
     * sees the queue idle, it stays idle until the reader puts again.
     */
    boolean idle() {
        lock.lock();
        try {
            return !runnerActive && items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** True when nothing waits to run (the runner flushes output then). */
    boolean isEmpty() {
        lock.lock();
        try {
            return items.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued items (they get no {@code end}) and wakes a blocked {@link #put}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            items.clear();
            bytes = 0;
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
