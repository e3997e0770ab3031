package dev.rshell.server.session;

import dev.rshell.server.command.CommandContext;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session's commands from the moment the reader numbers them to their {@code end} line:
 * which are running, which one is the foreground, and interrupts that arrive for a command
 * the client has sent but the server has not started yet.
 *
 * <p>Why the last part: a client that sends a line and presses Ctrl-C at once may send
 * {@code :interrupt} before the runner has picked the line up. To the client the command is
 * running, so the interrupt must not be answered "no command is running"; it is kept and
 * applied when the command starts ({@link #register} answers true), and the command ends
 * with 130 as if it had been interrupted while running. Such kept interrupts are bounded:
 * they name only commands already numbered and not yet started, at most the queue's length.
 *
 * <p>Thread safety: thread-safe. The reader numbers and interrupts; the runner, the reader
 * (for instant commands) and job threads register and unregister; the teardown and
 * {@code who} read. One lock orders a start against an interrupt, so an interrupt either
 * finds the command registered or is kept for it, never neither.
 */
final class CommandTable {

    private final Map<Long, RunningCommand> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile RunningCommand foreground;
    // Guarded by lock:
    private long lastNumbered;
    private long lastStarted;
    /** Numbers of not-yet-started commands interrupted by number. */
    private final TreeSet<Long> interruptOnStart = new TreeSet<>();
    /** A numberless interrupt applies to the next foreground command numbered up to this. */
    private long interruptForegroundUpTo;

    /** What an {@code :interrupt} found. */
    enum Interrupt {
        /** A running command was cancelled. */
        CANCELLED,
        /** The command is not started yet; it will end with 130 when it starts. */
        KEPT,
        /** No such command is running or waiting. */
        NONE
    }

    /** Called by the reader when it gives a line its number. */
    void numbered(long number) {
        synchronized (lock) {
            lastNumbered = number;
        }
    }

    /**
     * Registers a command as it starts: as the foreground command unless it is a background
     * job.
     *
     * @return true when an interrupt for it arrived before it started: the caller cancels it
     */
    boolean register(RunningCommand command) {
        long n = command.number();
        synchronized (lock) {
            running.put(n, command);
            if (!command.background()) {
                foreground = command;
            }
            lastStarted = Math.max(lastStarted, n);
            boolean interrupted = interruptOnStart.remove(n)
                    || (!command.background() && n <= interruptForegroundUpTo);
            // Lines numbered before this one that never registered (syntax errors, too long)
            // can't start any more: forget what was kept for them.
            if (!interruptOnStart.isEmpty()) {
                interruptOnStart.headSet(n).clear();
            }
            if (interrupted || n > interruptForegroundUpTo) {
                interruptForegroundUpTo = 0;
            }
            return interrupted;
        }
    }

    /** Removes a command once it has finished (before its {@code end} line). */
    void unregister(RunningCommand command) {
        synchronized (lock) {
            running.remove(command.number(), command);
            if (foreground == command) {
                foreground = null;
            }
        }
    }

    /**
     * Interrupts command {@code number}, or with a negative number the foreground command:
     * cancels it with 130 if it runs ({@code beforeInterrupt} runs first, given the command, see
     * {@link RunningCommand#cancelWith}), or keeps the interrupt for it if it is numbered but
     * not started yet.
     */
    Interrupt interrupt(long number, java.util.function.Consumer<RunningCommand> beforeInterrupt) {
        RunningCommand target;
        synchronized (lock) {
            target = number < 0 ? foreground : running.get(number);
            if (target == null) {
                if (number < 0 && lastStarted < lastNumbered) {
                    interruptForegroundUpTo = lastNumbered;
                    return Interrupt.KEPT;
                }
                if (number > lastStarted && number <= lastNumbered) {
                    interruptOnStart.add(number);
                    return Interrupt.KEPT;
                }
                return Interrupt.NONE;
            }
        }
        // Outside the lock: beforeInterrupt writes to the client, which may take a while.
        RunningCommand found = target;
        return target.cancelWith(130, () -> beforeInterrupt.accept(found)) ? Interrupt.CANCELLED : Interrupt.NONE;
    }

    /** The foreground command, or null. */
    RunningCommand foreground() {
        return foreground;
    }

    /** The command numbered {@code number} if it is running, else null. */
    RunningCommand get(long number) {
        return running.get(number);
    }

    /** Every running command, foreground and background. */
    Collection<RunningCommand> all() {
        return running.values();
    }

    boolean isEmpty() {
        return running.isEmpty();
    }

    /** Background commands still running, by number, as {@code jobs} lists them. */
    List<CommandContext.Job> jobs() {
        return running.values().stream().filter(RunningCommand::background)
                .sorted(Comparator.comparingLong(RunningCommand::number))
                .map(c -> new CommandContext.Job(c.number(), c.line(), c.startedAt())).toList();
    }

    /** Interrupts background job {@code number} ({@code kill}); false when there is none. */
    boolean interruptJob(long number) {
        RunningCommand job = running.get(number);
        return job != null && job.background() && job.cancelWith(130, () -> { });
    }

    /** Waits for background job {@code number} to end ({@code wait}); its status, or empty if none. */
    OptionalInt awaitJob(long number) throws InterruptedException {
        RunningCommand job = running.get(number);
        if (job == null || !job.background()) {
            return OptionalInt.empty();
        }
        job.awaitEnded(Long.MAX_VALUE);
        return OptionalInt.of(job.endStatus());
    }

    /** Background commands running. */
    long backgroundCount() {
        return running.values().stream().filter(RunningCommand::background).count();
    }
}
