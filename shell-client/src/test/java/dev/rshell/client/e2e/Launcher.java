package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's launchers ({@code bin/rshell-server}, {@code bin/rshell}) as real OS
 * processes, the way a user or a script would.
 */
final class Launcher {

    /** The repository root: tests run in the module directory. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    /** What a finished process printed and returned. */
    record Result(int status, String out, String err) {
    }

    private Launcher() {
    }

    static Path bin(String name) {
        Path launcher = ROOT.resolve("bin").resolve(name);
        assertTrue(Files.isExecutable(launcher), "missing launcher " + launcher);
        return launcher;
    }

    static void requireBuilt() {
        Path jar = ROOT.resolve("shell-server/target/rshell-server.jar");
        assertTrue(Files.isRegularFile(jar), "the server jar is not built: run the whole reactor (mvn verify)"
                + " so shell-server is packaged before these tests run; missing " + jar);
    }

    /** Starts a process with the given extra environment; stdin is closed at once. */
    static Process start(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return builder.start();
    }

    /** Runs a command to its end (at most {@code seconds}) and answers what it did. */
    static Result run(List<String> command, Map<String, String> env, String stdin, long seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + seconds
                    + " s; stderr so far: " + err.text());
        }
        out.join();
        err.join();
        return new Result(process.exitValue(), out.text(), err.text());
    }

    static List<String> command(Path launcher, String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return command;
    }

    /** Reads a stream to its end on a thread of its own, so the process never blocks writing. */
    static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            super("test-drain");
            this.in = in;
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
