package dev.rshell.server.exec;

import dev.rshell.server.command.CommandContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/** Runs programs the way a session's resolver would hand them over, for the exec tests. */
final class TestPrograms {

    /** For runs without standard input: no stdin writer is ever needed. */
    static final Executor NO_STDIN_WRITERS = task -> {
        throw new RejectedExecutionException("these tests run commands without input");
    };

    private TestPrograms() {
    }

    static OsCommandRunner runner(Duration grace) {
        return new OsCommandRunner(grace, ProcessJournal.disabled(), NO_STDIN_WRITERS);
    }

    static OsCommandRunner runner(Duration grace, ProcessJournal journal) {
        return new OsCommandRunner(grace, journal, NO_STDIN_WRITERS);
    }

    /** Looks {@code argv[0]} up on the context's PATH and runs it; the program must exist. */
    static int run(OsCommandRunner runner, CommandContext context, List<String> argv, ProcessTracker tracker)
            throws InterruptedException {
        ProgramResolver.Result found = ProgramResolver.lookup(argv.get(0), context.variable("PATH"),
                context.workingDirectory());
        if (!(found instanceof ProgramResolver.Found f)) {
            throw new IllegalArgumentException("no such program in the test: " + argv.get(0) + " (" + found + ")");
        }
        return runner.run(context, f.path(), argv.get(0), argv.subList(1, argv.size()), tracker);
    }
}
