package dev.rshell.server.exec;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.OutputSink;
import dev.rshell.server.command.ServerFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A command context for tests: records every output line with its stream and arrival time,
 * or (with {@code record = false}) only counts lines and bytes, for floods.
 */
final class FakeContext implements CommandContext {

    static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    /** One line a command wrote. */
    record Line(boolean err, String text, long nanos) {
    }

    private final Path cwd;
    private final Map<String, String> variables = new TreeMap<>();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final boolean record;
    final AtomicLong lineCount = new AtomicLong();
    final AtomicLong byteCount = new AtomicLong();
    final AtomicLong longestLineBytes = new AtomicLong();
    /** The longest line the sink takes whole, in bytes. */
    volatile int maxLine = 65536;
    /** When set, the sink throws this after recording a line (a failing sink). */
    volatile RuntimeException failWith;

    FakeContext(Path cwd) {
        this(cwd, true);
    }

    FakeContext(Path cwd, boolean record) {
        this.cwd = cwd;
        this.record = record;
        variables.put("PATH", PATH);
    }

    private final OutputSink sink = new OutputSink() {
        @Override
        public void out(String text) throws InterruptedException {
            add(false, text);
        }

        @Override
        public void err(String text) throws InterruptedException {
            add(true, text);
        }

        @Override
        public int maxLineBytes() {
            return maxLine;
        }
    };

    private void add(boolean err, String text) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            // As the real sink: a blocked or interrupted producer sees the interrupt.
            Thread.interrupted();
            throw new InterruptedException();
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        lineCount.incrementAndGet();
        byteCount.addAndGet(bytes);
        longestLineBytes.accumulateAndGet(bytes, Math::max);
        if (record) {
            lines.add(new Line(err, text, System.nanoTime()));
        }
        RuntimeException failure = failWith;
        if (failure != null) {
            throw failure;
        }
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    List<String> out() {
        return texts(false);
    }

    List<String> err() {
        return texts(true);
    }

    private List<String> texts(boolean err) {
        List<String> texts = new ArrayList<>();
        for (Line line : lines) {
            if (line.err() == err) {
                texts.add(line.text());
            }
        }
        return texts;
    }

    @Override
    public long commandNumber() {
        return 1;
    }

    @Override
    public OutputSink output() {
        return sink;
    }

    @Override
    public String user() {
        return "tester";
    }

    @Override
    public String role() {
        return "admin";
    }

    @Override
    public Path home() {
        return cwd;
    }

    @Override
    public Path workingDirectory() {
        return cwd;
    }

    @Override
    public void changeDirectory(Path directory) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized String variable(String name) {
        return variables.get(name);
    }

    @Override
    public synchronized void setVariable(String name, String value) {
        variables.put(name, value);
    }

    @Override
    public synchronized void unsetVariable(String name) {
        variables.remove(name);
    }

    @Override
    public synchronized Map<String, String> variables() {
        return new TreeMap<>(variables);
    }

    @Override
    public CommandRegistry commands() {
        return new CommandRegistry();
    }

    @Override
    public ServerFacts server() {
        return new ServerFacts("test-host", Instant.now());
    }

    @Override
    public boolean background() {
        return false;
    }

    @Override
    public void endSession() {
    }

    @Override
    public boolean mayRead(java.nio.file.Path path) {
        return true;
    }

    @Override
    public boolean changePassword(char[] oldPassword, char[] newPassword) {
        throw new UnsupportedOperationException("OS commands never change passwords");
    }

    @Override
    public java.util.List<Job> jobs() {
        return java.util.List.of();
    }

    @Override
    public boolean interruptJob(long number) {
        return false;
    }

    @Override
    public java.util.OptionalInt awaitJob(long number) {
        return java.util.OptionalInt.empty();
    }

    @Override
    public dev.rshell.server.command.ServerControl control() {
        throw new UnsupportedOperationException("OS commands never control the server");
    }
}
