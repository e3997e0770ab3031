package dev.rshell.server.command.builtin;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.OutputSink;
import dev.rshell.server.command.ServerFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * A command context in memory: records output lines, directory changes, read checks, password
 * changes and the end of the session, so tests can assert exactly what a command did.
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
    CommandRegistry registry;
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
        return 1;
    }

    @Override
    public OutputSink output() {
        return sink;
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
    public void endSession() {
        sessionEnded = true;
    }
}
