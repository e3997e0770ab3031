package dev.rshell.server.command.builtin;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.OutputSink;
import dev.rshell.server.command.Programs;
import dev.rshell.server.command.ServerControl;
import dev.rshell.server.command.ServerFacts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A command context in memory: records output lines, flushes, directory changes, read checks,
 * password changes, job interrupts and waits, and the end of the session, so tests can assert
 * exactly what a command did. Its background jobs are a list the test fills ({@link #jobs});
 * its server is a {@link RecordingControl}.
 *
 * <p>The read fence is a set of denied prefixes ({@link #deny}), compared on the normalized
 * absolute path as given; unlike the server's, it does not resolve symbolic links.
 */
final class FakeContext implements CommandContext {

    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<String> err = Collections.synchronizedList(new ArrayList<>());
    final List<Path> directoryChanges = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> variables = Collections.synchronizedMap(new TreeMap<>());
    final Path home;
    volatile Path cwd;
    volatile boolean sessionEnded;
    /** Paths under any of these are not readable; empty by default. */
    final Set<Path> deniedPrefixes = new CopyOnWriteArraySet<>();
    /** Every path {@link #mayRead} was asked about, in order. */
    final List<Path> readChecks = Collections.synchronizedList(new ArrayList<>());
    /** The user's password as {@link #changePassword} checks it; becomes the new one. */
    volatile String password = "old-password";
    /** The arrays last passed to {@link #changePassword}, to check they are wiped after. */
    volatile char[] lastOldPassword;
    volatile char[] lastNewPassword;
    /** How many times {@link #changePassword} stored a new password. */
    volatile int passwordChanges;
    /** How many times the command called {@code output().flush()}. */
    final AtomicInteger flushes = new AtomicInteger();
    /** This command's number; {@code wait} and {@code jobs} leave their own number out. */
    volatile long commandNumber = 1;
    /** The session's background commands, as {@link #jobs()} answers them. */
    final List<Job> jobList = new CopyOnWriteArrayList<>();
    /** The status {@link #awaitJob} answers per job number; 0 when not set. */
    final Map<Long, Integer> jobStatuses = new ConcurrentHashMap<>();
    /** {@link #awaitJob} waits for this latch first; open by default. */
    volatile CountDownLatch jobsEnd = new CountDownLatch(0);
    /** The numbers passed to {@link #interruptJob} and {@link #awaitJob}, in order. */
    final List<Long> interrupted = new CopyOnWriteArrayList<>();
    final List<Long> awaited = new CopyOnWriteArrayList<>();
    /** The server's operations, recorded. */
    final RecordingControl control = new RecordingControl();
    CommandRegistry registry;
    /** The OS programs the session may run; none by default. */
    volatile Programs programs = Programs.NONE;
    /** Every argv passed to {@link #runProgram}, in order. */
    final List<List<String>> programsRun = new CopyOnWriteArrayList<>();
    /** The status {@link #runProgram} answers. */
    volatile int programStatus;
    ServerFacts facts = new ServerFacts("test-host", Instant.parse("2026-01-01T00:00:00Z"));

    /** A session of user {@code alice} starting in {@code home}, with every built-in. */
    FakeContext(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.cwd = this.home;
        this.registry = new CommandRegistry();
        Builtins.registerAll(registry);
        registry.freeze();
    }

    /** Makes {@code path} (resolved against the working directory) and all under it unreadable. */
    FakeContext deny(String path) {
        deniedPrefixes.add(resolve(path));
        return this;
    }

    /** Adds a running background command. */
    FakeContext job(long number, String line, Instant startedAt) {
        jobList.add(new Job(number, line, startedAt));
        return this;
    }

    /** Runs the built-in called {@code name}. */
    int run(String name, String... args) throws InterruptedException {
        return run(registry.find(name).orElseThrow(), args);
    }

    /** Runs a command instance, e.g. one built with test parameters. */
    int run(Command command, String... args) throws InterruptedException {
        return command.run(this, List.of(args));
    }

    private final OutputSink sink = new OutputSink() {
        @Override
        public void out(String text) {
            out.add(checked(text));
        }

        @Override
        public void err(String text) {
            err.add(checked(text));
        }

        @Override
        public void flush() {
            flushes.incrementAndGet();
        }
    };

    /** The protocol's line writer rejects an LF inside a line; so does this fake. */
    private static String checked(String text) {
        if (text.indexOf('\n') >= 0) {
            throw new AssertionError("output line contains LF: " + text);
        }
        return text;
    }

    @Override
    public long commandNumber() {
        return commandNumber;
    }

    @Override
    public OutputSink output() {
        return sink;
    }

    /** The command's standard input: none unless a test gives it some. */
    dev.rshell.server.command.CommandInput input = dev.rshell.server.command.CommandInput.NONE;

    /** Gives the command {@code text} as its whole standard input. */
    void input(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.concurrent.atomic.AtomicInteger at = new java.util.concurrent.atomic.AtomicInteger();
        input = new dev.rshell.server.command.CommandInput() {
            @Override
            public int read(byte[] buffer, int offset, int length) {
                return poll(buffer, offset, length);
            }

            @Override
            public int poll(byte[] buffer, int offset, int length) {
                int from = at.get();
                if (from >= bytes.length) {
                    return -1;
                }
                int n = Math.min(length, bytes.length - from);
                System.arraycopy(bytes, from, buffer, offset, n);
                at.addAndGet(n);
                return n;
            }

            @Override
            public void whenReadable(Runnable action) {
                action.run();
            }

            @Override
            public boolean open() {
                return true;
            }
        };
    }

    @Override
    public dev.rshell.server.command.CommandIo io() {
        return new dev.rshell.server.command.CommandIo(input, sink, () -> false);
    }

    @Override
    public String user() {
        return "alice";
    }

    @Override
    public String role() {
        return "operator";
    }

    @Override
    public Path home() {
        return home;
    }

    @Override
    public Path workingDirectory() {
        return cwd;
    }

    @Override
    public void changeDirectory(Path directory) {
        directoryChanges.add(directory);
        cwd = directory;
    }

    @Override
    public String variable(String name) {
        return variables.get(name);
    }

    @Override
    public void setVariable(String name, String value) {
        variables.put(name, value);
    }

    @Override
    public void unsetVariable(String name) {
        variables.remove(name);
    }

    @Override
    public Map<String, String> variables() {
        synchronized (variables) {
            return new TreeMap<>(variables);
        }
    }

    @Override
    public CommandRegistry commands() {
        return registry;
    }

    @Override
    public Programs programs() {
        return programs;
    }

    /** Records the argv and answers {@link #programStatus}; nothing runs. */
    @Override
    public int runProgram(List<String> argv) {
        programsRun.add(List.copyOf(argv));
        return programStatus;
    }

    /** Programs of a role that may run {@code paths}' names, each found at its path. */
    static Programs listed(Map<String, Path> paths) {
        return new Programs() {
            @Override
            public Access access() {
                return Access.LISTED;
            }

            @Override
            public java.util.SortedSet<String> listed() {
                return new java.util.TreeSet<>(paths.keySet());
            }

            @Override
            public Lookup lookup(String word) {
                Path path = paths.get(word);
                return path == null
                        ? new Lookup.Refused("role operator may not run " + word
                                + ": it is not on the role's list of programs")
                        : new Lookup.Runs(path);
            }
        };
    }

    @Override
    public ServerFacts server() {
        return facts;
    }

    @Override
    public boolean background() {
        return false;
    }

    @Override
    public boolean mayRead(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        readChecks.add(absolute);
        return deniedPrefixes.stream().noneMatch(absolute::startsWith);
    }

    @Override
    public synchronized boolean changePassword(char[] oldPassword, char[] newPassword) {
        lastOldPassword = oldPassword;
        lastNewPassword = newPassword;
        if (!password.equals(new String(oldPassword))) {
            return false;
        }
        password = new String(newPassword);
        passwordChanges++;
        return true;
    }

    @Override
    public List<Job> jobs() {
        return List.copyOf(jobList);
    }

    /** Removes the job, as the session does once its interrupted command has ended. */
    @Override
    public boolean interruptJob(long number) {
        interrupted.add(number);
        return jobList.removeIf(job -> job.number() == number);
    }

    /** Waits for {@link #jobsEnd}, then answers the job's status from {@link #jobStatuses}. */
    @Override
    public OptionalInt awaitJob(long number) throws InterruptedException {
        awaited.add(number);
        if (jobList.stream().noneMatch(job -> job.number() == number)) {
            return OptionalInt.empty();
        }
        jobsEnd.await();
        return OptionalInt.of(jobStatuses.getOrDefault(number, 0));
    }

    @Override
    public ServerControl control() {
        return control;
    }

    @Override
    public void endSession() {
        sessionEnded = true;
    }

    /**
     * A server in memory: its sessions are a list the test fills; broadcasts, kicks and
     * shutdowns are recorded; {@link #stats} answers a settable value.
     */
    static final class RecordingControl implements ServerControl {

        record Kick(long id, String reason, String by) {
        }

        record Shutdown(Duration delay, String by) {
        }

        final List<SessionInfo> sessionList = new CopyOnWriteArrayList<>();
        final List<String> broadcasts = new CopyOnWriteArrayList<>();
        final List<Kick> kicks = new CopyOnWriteArrayList<>();
        final List<Shutdown> shutdowns = new CopyOnWriteArrayList<>();
        volatile Stats stats = new Stats(Duration.ofSeconds(3723), 2, 5, 40, 3, 2048, 3 * 1024 * 1024,
                17, 12 * 1024 * 1024, 1024L * 1024 * 1024, Optional.of(80L * 1024 * 1024), Optional.of(42));

        RecordingControl session(long id, String user, String address, Instant since, Duration idle,
                String command) {
            sessionList.add(new SessionInfo(id, user, address, since, idle, Optional.ofNullable(command)));
            return this;
        }

        @Override
        public List<SessionInfo> sessions() {
            return List.copyOf(sessionList);
        }

        @Override
        public int broadcast(String text) {
            broadcasts.add(text);
            return (int) sessionList.stream().filter(s -> s.user() != null).count();
        }

        @Override
        public boolean kick(long id, String reason, String by) {
            kicks.add(new Kick(id, reason, by));
            return sessionList.stream().anyMatch(s -> s.id() == id);
        }

        @Override
        public void shutdown(Duration delay, String by) {
            shutdowns.add(new Shutdown(delay, by));
        }

        @Override
        public Stats stats() {
            return stats;
        }
    }
}
