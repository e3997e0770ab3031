package dev.rshell.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.client.connect.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the client in-process with injected streams and returns exact stdout, stderr and status.
 * Every run is checked for the two things no run may leave behind: a stack trace on stderr and
 * a live reader thread.
 */
final class ClientRun {

    /** What one run printed and returned. */
    record Result(int status, String out, String err) {
    }

    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private final Map<String, String> env = new HashMap<>(Map.of("RSHELL_PASSWORD", FakeServer.PASSWORD));
    private String localUser = "tester";
    private PasswordPrompt prompt = text -> null;
    final List<String> prompts = new ArrayList<>();

    static ClientRun client() {
        return new ClientRun();
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

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ClientIo io = new ClientIo(stdin,
                new PrintStream(out, false, StandardCharsets.UTF_8),
                new PrintStream(err, false, StandardCharsets.UTF_8), env, localUser, false, prompt);
        int status = ClientMain.run(args, io);
        Result result = new Result(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
        assertFalse(result.err().contains("Exception"), () -> "exception on stderr: " + result.err());
        assertFalse(result.err().contains("\tat "), () -> "stack trace on stderr: " + result.err());
        assertNoReaderThread();
        return result;
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
