package dev.rshell.server.exec;

import dev.rshell.server.command.ByteSink;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandInput;
import dev.rshell.server.command.OutputSink;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an OS command for a session: any command word that is not a built-in, once the caller
 * has checked that policy allows it.
 *
 * <p><b>Starting.</b> The program was found when its command line was resolved (see
 * {@link ProgramCommand}). It runs directly, never through a shell: the words are passed as
 * they are. Its working directory is the session's; its environment is exactly the session's
 * variables (the server's own environment is cleared first, never inherited), plus
 * {@code TERM=dumb} when the session has no {@code TERM} of its own. Its standard input is the
 * command's ({@link CommandInput}): a pipe fed by a {@link StdinPump} for a command started
 * with input, else {@code /dev/null}. The program sees its absolute path as {@code argv[0]}.
 *
 * <p><b>No terminal.</b> A program runs with pipes, not a terminal, and without a controlling
 * terminal. {@code TERM=dumb} tells programs that look at it so: without any {@code TERM},
 * {@code top} exits 1 without a word and {@code clear} complains that TERM is not set,
 * whereas with {@code dumb} they say what they can't do, and well-behaved programs drop
 * colour and cursor motion. A user who knows better may {@code export TERM=...}.
 *
 * <p><b>Process groups.</b> On Linux the program is started as {@code setsid PROGRAM ARGS...}
 * ({@code setsid} found once, at {@code /usr/bin/setsid} or {@code /bin/setsid}). A child of
 * the JVM is never a group leader, so {@code setsid} calls {@code setsid()} and execs in the
 * same process: the process we hold is the program, pid = process group id = session id, and
 * every descendant that doesn't leave on purpose is in that group, orphans included. It also
 * has no controlling terminal. Without {@code setsid} or {@code /proc} the program runs
 * unwrapped and only its live descendants can be found ({@link Process#descendants()}), so
 * orphans left behind after it exits can't be ended (see {@link TreeKiller}).
 *
 * <p><b>Output.</b> Standard output and error are read on the calling thread, both of them,
 * by polling: a pass reads what {@link InputStream#available()} says is there, one chunk per
 * stream; when neither had anything the thread waits on the process for 1 ms, doubling up to
 * {@value #MAX_PAUSE_MILLIS} ms, and the process's exit wakes it at once. Bytes become lines as
 * soon as they are read: they go to the command's {@link OutputSink#bytes byte streams}, which
 * frame them (text lines, or byte-exact pieces) and block while the client is slow: the process
 * is then paused by its full pipe. After a quiet spell of {@value #QUIET_MILLIS} ms with
 * output read, the streams are told so ({@link ByteSink#quiet()}): a prompt without a newline
 * can then be shown while the program waits for its answer. No read ever blocks, and that is the point: in the JDK a thread blocked in a
 * process pipe's {@code read} can't be woken (not by interrupt, not by closing the stream),
 * and when a background descendant keeps the pipe open after the main process exits
 * ({@code sh -c 'sleep 100 &'}) that read would last as long as the descendant. Polling never
 * parks a thread in such a read, so no extra pump thread is needed either: a running OS
 * command costs its runner thread only. The price is up to {@value #MAX_PAUSE_MILLIS} ms of
 * latency on output after a quiet spell, and about 50 wake-ups a second while quiet.
 *
 * <p><b>Exit.</b> When the main process has exited, what its pipes already hold is read (at
 * most {@value #DRAIN_LIMIT_BYTES} bytes, against a descendant that keeps writing), the pipes
 * are closed, and the status is returned at once, whatever descendants still hold the pipes
 * open: there is no waiting for more. That is also what the JDK does by itself: when a process
 * exits it copies what its pipes hold and closes them, so output a leftover descendant writes
 * later is dropped (its write gets EPIPE). The group stays in the session's
 * {@link ProcessTracker}, whose teardown ends it. The status is the exit code, or 128+n when
 * signal n ended the process, as in {@code sh}.
 *
 * <p><b>Interrupt.</b> When the calling thread is interrupted ({@code :interrupt}, a time
 * limit, the session closing), the whole tree is ended (TERM, up to {@code killGrace}, KILL;
 * see {@link TreeKiller}), the pipes are closed and {@link InterruptedException} is thrown for
 * the caller to map to 130 or 124. A second interrupt during the grace cuts it short and is kept
 * in the thread's interrupted status. The tree is ended the same way if anything else goes
 * wrong while the process runs (e.g. the output sink throws): a process never outlives the
 * command that started it, except descendants left behind after a normal exit, as above.
 *
 * <p>Thread safety: immutable and thread-safe; one runner serves every session, each
 * {@link #run} works on its calling thread only.
 */
public final class OsCommandRunner {

    /** Longest wait between two looks at a quiet process's pipes. */
    static final long MAX_PAUSE_MILLIS = 20;
    /**
     * Most bytes read after the main process exited. What it wrote itself is at most a pipeful
     * per stream (up to 1 MiB each if it enlarged them); more can only come from a descendant
     * that keeps writing into a pipe the JDK has not detached yet.
     */
    static final int DRAIN_LIMIT_BYTES = 4 * 1024 * 1024;

    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_PAUSE_MILLIS);
    /** One pipe's default capacity: a flooding process is read a pipeful at a time. */
    private static final int CHUNK_BYTES = 64 * 1024;

    /** What {@code TERM} says when the session has none: there is no terminal. */
    static final String DEFAULT_TERM = "dumb";

    /** Absolute path of {@code setsid}, or null to run programs unwrapped. Looked up once. */
    private static final String SETSID = findSetsid();
    private static final File DEV_NULL = new File("/dev/null");
    private static final boolean HAS_DEV_NULL = DEV_NULL.exists();

    /** How long output must pause before the streams are told the program is quiet. */
    static final long QUIET_MILLIS = 20;
    private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS);

    private final Duration killGrace;
    private final ProcessJournal journal;
    private final Executor stdinWriters;

    /**
     * @param killGrace    how long a process tree may take to end after TERM before KILL
     * @param journal      where each started process group is recorded until it has ended, so
     *                     that a restart after a crash can end what is left of it
     * @param stdinWriters runs the tasks that write commands' input into their pipes (see
     *                     {@link StdinPump}); the caller owns and shuts it down
     */
    public OsCommandRunner(Duration killGrace, ProcessJournal journal, Executor stdinWriters) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
        this.stdinWriters = Objects.requireNonNull(stdinWriters, "stdinWriters");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative, got " + killGrace);
        }
    }

        /** True when programs run in their own process group (Linux with {@code setsid}). */
    public static boolean usesProcessGroups() {
        return SETSID != null;
    }

    /**
     * Runs {@code program} and waits for it, passing its output on as it comes and its input
     * in as it comes.
     *
     * @param context the command's session view: I/O, environment, directory
     * @param program the program's absolute path
     * @param word    the command word as typed, for messages
     * @param args    the arguments, already expanded
     * @param tracker the session's process tracker; the process is registered there
     * @return the exit status (0-255): the program's, or 126/127 when it could not start
     * @throws InterruptedException when the calling thread was interrupted; the process tree
     *                              has then been ended
     */
    public int run(CommandContext context, Path program, String word, List<String> args,
                   ProcessTracker tracker) throws InterruptedException {
        OutputSink sink = context.output();
        CommandInput input = context.io().input();
        Path directory = context.workingDirectory();
        if (Thread.interrupted()) {
            // Cancelled before it started: don't start a process only to kill it.
            throw new InterruptedException();
        }
        Process process;
        try {
            process = builder(program, args, directory, context.variables(), input.open()).start();
        } catch (IOException e) {
            return startFailed(sink, word, directory, e);
        }
        ProcessTracker.Entry entry = new ProcessTracker.Entry(process, SETSID != null,
                SETSID != null ? journal.record(process) : ProcessJournal.Record.NONE);
        StdinPump stdin = null;
        try {
            if (!tracker.register(entry)) {
                throw new InterruptedException("the session is closing");
            }
            if (input.open()) {
                stdin = new StdinPump(input, process.getOutputStream(), stdinWriters);
                stdin.start();
            } else if (!HAS_DEV_NULL) {
                closeQuietly(process.getOutputStream());
            }
            return pump(process, sink);
        } finally {
            if (stdin != null) {
                stdin.stop(); // never blocks: a write under way closes the pipe when it returns
            }
            closeOutputStreams(process);
            if (process.isAlive()) {
                // Interrupted, or the sink failed: the tree must not outlive its command.
                TreeKiller.Outcome outcome = TreeKiller.terminate(List.of(entry), killGrace);
                if (outcome.allGone()) {
                    tracker.forget(entry);
                }
                if (outcome.interrupted()) {
                    Thread.currentThread().interrupt();
                }
            }
            tracker.exited(entry);
        }
    }

    private ProcessBuilder builder(Path program, List<String> args, Path directory,
            Map<String, String> variables, boolean withInput) {
        List<String> command = new ArrayList<>(args.size() + 2);
        if (SETSID != null) {
            // The program path is absolute, so setsid can't take it for an option.
            command.add(SETSID);
        }
        command.add(program.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            String name = variable.getKey();
            String value = variable.getValue();
            // The OS can't carry these (the JDK would throw); the session never exports them.
            if (!name.isEmpty() && name.indexOf('=') < 0 && name.indexOf('\0') < 0
                    && value != null && value.indexOf('\0') < 0) {
                environment.put(name, value);
            }
        }
        environment.putIfAbsent("TERM", DEFAULT_TERM);
        // Where there is no /dev/null the stdin pipe is closed right after start instead.
        builder.redirectInput(HAS_DEV_NULL && !withInput ? ProcessBuilder.Redirect.from(DEV_NULL)
                : ProcessBuilder.Redirect.PIPE);
        return builder;
    }

    /** Reads both pipes until the process has exited and its pipes are drained; the status. */
    private int pump(Process process, OutputSink sink) throws InterruptedException {
        PipeReader out = new PipeReader(process.getInputStream(), sink.bytes(OutputSink.Stream.OUT));
        PipeReader err = new PipeReader(process.getErrorStream(), sink.bytes(OutputSink.Stream.ERR));
        byte[] chunk = new byte[CHUNK_BYTES];
        long pause = MIN_PAUSE_NANOS;
        long readAfterExit = 0;
        long lastReadNanos = 0; // 0: nothing read since the streams were last told of a quiet spell
        boolean exited = false;
        boolean unflushed = false;
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            // Checked before reading: whatever the process wrote before it exited is then in
            // the pipes (or in the JDK's copy of them) when this pass reads.
            exited = exited || !process.isAlive();
            int read = out.pass(chunk) + err.pass(chunk);
            if (exited) {
                // Only what is already there: waiting for more would wait on descendants.
                readAfterExit += read;
                if (read == 0 || readAfterExit > DRAIN_LIMIT_BYTES) {
                    break;
                }
            }
            if (read > 0) {
                pause = MIN_PAUSE_NANOS;
                unflushed = true;
                lastReadNanos = System.nanoTime();
                continue;
            }
            if (lastReadNanos != 0 && System.nanoTime() - lastReadNanos >= QUIET_NANOS) {
                out.quiet();
                err.quiet();
                lastReadNanos = 0;
                unflushed = true;
            }
            if (unflushed) {
                // The pipes are empty for now: what was read goes to the client before we wait.
                sink.flush();
                unflushed = false;
            }
            process.waitFor(pause, TimeUnit.NANOSECONDS);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
        out.finish();
        err.finish();
        return process.exitValue();
    }

    private static int startFailed(OutputSink sink, String word, Path directory, IOException e)
            throws InterruptedException {
        // The JDK's message is "Cannot run program ...: error=N, REASON"; the cause has the
        // errno part only.
        String reason = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        boolean noSuchFile = reason.startsWith("error=2,");
        reason = reason.replaceFirst("^error=\\d+, ", "");
        if (!Files.isDirectory(directory)) {
            reason = "working directory " + directory + " is gone";
        }
        sink.err("rshell: " + word + ": " + reason);
        return noSuchFile ? 127 : 126;
    }

    /** Closes the pipes the program writes; its stdin is the pump's (or /dev/null's). */
    private static void closeOutputStreams(Process process) {
        closeQuietly(process.getInputStream());
        closeQuietly(process.getErrorStream());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing a pipe can only fail if it is already closed: nothing to do.
        }
    }

    private static String findSetsid() {
        if (!ProcTable.AVAILABLE) {
            return null; // groups are only useful where /proc can list their members
        }
        for (String candidate : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return candidate;
            }
        }
        return null;
    }

    /** One pipe: non-blocking reads into its output stream. */
    private static final class PipeReader {
        private final InputStream in;
        private final ByteSink lines;
        private boolean done;

        PipeReader(InputStream in, ByteSink lines) {
            this.in = in;
            this.lines = lines;
        }

        /** Reads at most one chunk, only what is already there; the number of bytes read. */
        int pass(byte[] chunk) throws InterruptedException {
            if (done) {
                return 0;
            }
            int n;
            try {
                int available = in.available();
                if (available <= 0) {
                    return 0;
                }
                // Never more than available(): such a read returns without blocking.
                n = in.read(chunk, 0, Math.min(available, chunk.length));
            } catch (IOException e) {
                n = -1; // a broken pipe: nothing more will come from it
            }
            if (n < 0) {
                done = true;
                return 0;
            }
            lines.write(chunk, 0, n);
            return n;
        }

        void quiet() throws InterruptedException {
            lines.quiet();
        }

        void finish() throws InterruptedException {
            lines.close();
        }
    }
}
