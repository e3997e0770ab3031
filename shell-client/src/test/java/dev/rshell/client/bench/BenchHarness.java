package dev.rshell.client.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.client.ClientIo;
import dev.rshell.client.connect.Connection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs {@code rshell bench} in-process as {@code ClientMain} runs it: a root command named
 * {@code rshell} with {@link BenchCommand} as its {@code bench} subcommand and the same
 * one-line usage-error handler, with injected streams. Every run is checked for a stack trace
 * on stderr and for threads left behind (the bench's own and the connections' readers).
 */
final class BenchHarness {

    record Result(int status, String out, String err) {
    }

    /** Stands in for ClientMain's root while BenchCommand is not registered there yet. */
    @Command(name = "rshell")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    private final Map<String, String> env = new HashMap<>();

    BenchHarness(Path home) {
        env.put("HOME", home.toString());
        env.put("RSHELL_PASSWORD", TinyShellServer.PASSWORD);
    }

    BenchHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        ClientIo io = new ClientIo(new ByteArrayInputStream(new byte[0]), outStream, errStream, env, "tester", false,
                text -> null);
        CommandLine cli = new CommandLine(new Root()).addSubcommand("bench", new BenchCommand(io));
        cli.setOut(new java.io.PrintWriter(outStream, true))
                .setErr(new java.io.PrintWriter(errStream, true))
                .setStopAtPositional(true)
                .setParameterExceptionHandler((ex, a) -> {
                    String name = ex.getCommandLine().getCommandSpec().qualifiedName();
                    String msg = ex.getMessage().strip().lines().findFirst().orElse("");
                    errStream.print(name + ": " + Character.toLowerCase(msg.charAt(0)) + msg.substring(1)
                            + " (try " + name + " --help)\n");
                    return 2;
                });
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = cli.execute(all);
        Result r = new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.err().contains("Exception"), () -> "exception on stderr: " + r.err());
        assertFalse(r.err().contains("\tat "), () -> "stack trace on stderr: " + r.err());
        assertNoThreadsLeft();
        return r;
    }

    /** Fails when a thread of the bench or a connection reader is still alive (after a grace). */
    static void assertNoThreadsLeft() {
        long deadline = System.nanoTime() + 3_000_000_000L;
        List<Thread> left;
        do {
            left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && (t.getName().startsWith("rshell-bench-")
                            || t.getName().equals(Connection.READER_THREAD_NAME)))
                    .toList();
            if (left.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        fail("threads left behind: " + left);
    }
}
