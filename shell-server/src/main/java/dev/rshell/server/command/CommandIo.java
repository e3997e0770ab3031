package dev.rshell.server.command;

import java.util.Objects;

/**
 * The I/O of one running command: its standard input, its output, and whether it has been
 * cancelled. Owned by the command run it was made for; the session makes one per command.
 *
 * <p>Cancellation itself reaches the command as an interrupt of its thread (blocking calls on
 * the input and output answer it with {@link InterruptedException}); {@link #cancelled()} lets
 * code that polls, such as a process pump, look without waiting.
 *
 * @param input     standard input ({@link CommandInput#NONE} for a command without input)
 * @param output    where the command writes
 * @param cancelled answers true once the command has been interrupted or timed out
 */
public record CommandIo(CommandInput input, OutputSink output, java.util.function.BooleanSupplier cancelled) {

    public CommandIo {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** I/O with no input and no cancellation of its own, for tests and nested use. */
    public static CommandIo of(OutputSink output) {
        return new CommandIo(CommandInput.NONE, output, () -> false);
    }

    /** True once the command has been cancelled. */
    public boolean isCancelled() {
        return cancelled.getAsBoolean();
    }
}
