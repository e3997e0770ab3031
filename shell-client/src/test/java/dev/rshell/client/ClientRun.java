package dev.rshell.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.client.connect.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the client in-process with injected streams and returns exact stdout, stderr and status.
 * Every run is checked for the two things no run may leave behind: a stack trace on stderr and
 * a live reader thread.
 *
 * <p>{@link #client()} talks plain TCP to the plain {@link FakeServer} (it adds {@code --no-tls}
 * in front of the arguments); {@link #tlsClient()} adds nothing, so TLS is the default as for a
 * user. {@code HOME} is always a temporary directory (one per ClientRun unless {@link #home} sets
 * it), so no test reads or writes the real {@code ~/.rshell}.
 */
final class ClientRun {

    /** What one run printed and returned. */
    record Result(int status, String out, String err) {
    }

    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private final Map<String, String> env = new HashMap<>(Map.of("RSHELL_PASSWORD", FakeServer.PASSWORD));
    private String localUser = "tester";
    private PasswordPrompt prompt = text -> null;
    private LinePrompt ask = text -> null;
    private boolean terminal;
    private final boolean plain;
    private Path home;
    private boolean ownHome;
    final List<String> prompts = new ArrayList<>();
    /** Questions the client asked with echo (first contact), in order. */
    final List<String> questions = new ArrayList<>();

    private ClientRun(boolean plain) {
        this.plain = plain;
    }

    /** A client for the plain fake server: runs with {@code --no-tls}. */
    static ClientRun client() {
        return new ClientRun(true);
    }

    /** A client as a user runs it: TLS by default. */
    static ClientRun tlsClient() {
        return new ClientRun(false);
    }

    /** {@code HOME} for the run; known_hosts is then {@code home/.rshell/known_hosts}. */
    ClientRun home(Path dir) {
        home = dir;
        ownHome = false;
        return this;
    }

    /**
     * Stdin is a terminal, and the first-contact questions are answered {@code answers} in turn;
     * after the last, the input ends (null).
     */
    ClientRun terminal(String... answers) {
        terminal = true;
        // terminal(null): a terminal on which nobody can be asked.
        java.util.Iterator<String> next = (answers == null ? List.<String>of() : List.of(answers)).iterator();
        ask = text -> {
            questions.add(text);
            return next.hasNext() ? next.next() : null;
        };
        return this;
    }

    ClientRun stdin(String text) {
        stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    ClientRun stdin(InputStream in) {
        stdin = in;
        return this;
    }

    ClientRun env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    ClientRun localUser(String name) {
        localUser = name;
        return this;
    }

    ClientRun prompt(String answer) {
        prompt = text -> {
            prompts.add(text);
            return answer == null ? null : answer.toCharArray();
        };
        return this;
    }

    /** Password prompts answered {@code answers} in turn; after the last, nobody answers (null). */
    ClientRun prompts(String... answers) {
        java.util.Iterator<String> next = List.of(answers).iterator();
        prompt = text -> {
            prompts.add(text);
            return next.hasNext() ? next.next().toCharArray() : null;
        };
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        if (home == null) {
            try {
                home = Files.createTempDirectory("rshell-test-home");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ownHome = true;
        }
        Map<String, String> fullEnv = new HashMap<>(env);
        fullEnv.putIfAbsent("HOME", home.toString());
        ClientIo io = new ClientIo(stdin,
                new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, false, StandardCharsets.UTF_8), fullEnv, localUser, terminal, prompt, ask);
        List<String> all = new ArrayList<>();
        if (plain) {
            all.add("--no-tls");
        }
        all.addAll(List.of(args));
        int status;
        try {
            status = ClientMain.run(all.toArray(new String[0]), io);
        } finally {
            if (ownHome) {
                deleteTree(home);
                home = null;
            }
        }
        Result result = new Result(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(result.err().contains("Exception"), () -> "exception on stderr: " + result.err());
        assertFalse(result.err().contains("\tat "), () -> "stack trace on stderr: " + result.err());
        assertNoReaderThread();
        return result;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    /** Fails if any thread named rshell-reader is still alive. */
    static void assertNoReaderThread() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(Connection.READER_THREAD_NAME) && t.isAlive()) {
                fail("reader thread still alive: " + t);
            }
        }
    }
}
