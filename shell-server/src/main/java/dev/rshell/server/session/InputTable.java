package dev.rshell.server.session;

import dev.rshell.server.command.CommandInput;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;
import java.util.function.LongConsumer;

/**
 * The standard inputs of a session's commands started with {@code :stdin}, by number: opened
 * when the reader takes the line (so input may come before the command starts), closed when
 * the command ends.
 *
 * <p>Input for a command that has ended raced its end and is dropped silently; for that the
 * table remembers the last {@link #REMEMBERED} ended input commands. Input for any other
 * number is a client error.
 *
 * <p>Thread safety: thread-safe. The reader opens and feeds; the command's thread closes.
 */
final class InputTable {

    /** Ended input commands remembered, so late input for them is dropped without a reply. */
    static final int REMEMBERED = 256;

    /** Where an input line for command N goes. */
    sealed interface Target {
        /** A live input. */
        record Live(InputBuffer input) implements Target {
        }

        /** An input command that has ended: drop the line. */
        record Ended() implements Target {
        }

        /** No input command of this number: reply {@code no}. */
        record None() implements Target {
        }
    }

    private final Map<Long, InputBuffer> open = new ConcurrentHashMap<>();
    private final Set<Long> ended = new HashSet<>(); // guarded by this
    private final ArrayDeque<Long> endedOrder = new ArrayDeque<>(); // guarded by this
    private final LongFunction<LongConsumer> grants;

    /** @param grants for a command number, what sends its {@code more} lines */
    InputTable(LongFunction<LongConsumer> grants) {
        this.grants = grants;
    }

    /** Opens the input of command {@code number}; reader only. */
    InputBuffer open(long number) {
        InputBuffer input = new InputBuffer(grants.apply(number));
        open.put(number, input);
        return input;
    }

    /** The input of command {@code number}, or {@link CommandInput#NONE} when it takes none. */
    CommandInput inputOf(long number) {
        InputBuffer input = open.get(number);
        return input == null ? CommandInput.NONE : input;
    }

    /** Where input for command {@code number} goes. */
    Target target(long number) {
        InputBuffer input = open.get(number);
        if (input != null) {
            return new Target.Live(input);
        }
        synchronized (this) {
            return ended.contains(number) ? new Target.Ended() : new Target.None();
        }
    }

    /** Command {@code number} has ended: its input is closed and what is left dropped. */
    void close(long number) {
        InputBuffer input = open.remove(number);
        if (input == null) {
            return;
        }
        input.close();
        synchronized (this) {
            ended.add(number);
            endedOrder.add(number);
            if (endedOrder.size() > REMEMBERED) {
                ended.remove(endedOrder.poll());
            }
        }
    }

    /** Closes every input (the session is ending). */
    void closeAll() {
        for (Long number : open.keySet()) {
            close(number);
        }
    }
}
