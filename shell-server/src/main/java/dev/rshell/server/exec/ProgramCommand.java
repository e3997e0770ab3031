package dev.rshell.server.exec;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * An OS program as a {@link Command}: the program was found and allowed when the command line
 * was resolved; running it starts the process with the command's I/O and waits for it
 * ({@link OsCommandRunner}). A program is never instant: the runner flushes earlier output
 * before it starts.
 *
 * <p>Thread safety: immutable; {@link #run} works on the calling thread (and, for standard
 * input, one task on the runner's stdin writers).
 */
public final class ProgramCommand implements Command {

    private final OsCommandRunner runner;
    private final Path program;
    private final String word;
    private final ProcessTracker processes;

    /**
     * @param runner    starts and pumps the process
     * @param program   the program's absolute path
     * @param word      the command word as typed, for messages
     * @param processes the session's process tracker: the process is registered there
     */
    public ProgramCommand(OsCommandRunner runner, Path program, String word, ProcessTracker processes) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.program = Objects.requireNonNull(program, "program");
        this.word = Objects.requireNonNull(word, "word");
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    /** The program's absolute path. */
    public Path program() {
        return program;
    }

    @Override
    public String name() {
        return word;
    }

    @Override
    public String synopsis() {
        return word + " [ARGS...]";
    }

    @Override
    public String description() {
        return "the OS program " + program;
    }

    @Override
    public boolean mayBlock() {
        return true;
    }

    @Override
    public int run(CommandContext context, List<String> args) throws InterruptedException {
        return runner.run(context, program, word, args, processes);
    }
}
