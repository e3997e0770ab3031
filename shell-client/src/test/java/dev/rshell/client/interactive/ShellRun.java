package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.PlainTransport;
import dev.rshell.client.connect.SessionSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@link InteractiveShell} on its own "input" thread against a {@link ScriptedServer} and
 * a {@link VirtualScreen}, as {@code rshell --no-tls alice@127.0.0.1:PORT} would.
 */
final class ShellRun implements AutoCloseable {

    final VirtualScreen vt;
    final CompletableFuture<ShellOutcome> outcome = new CompletableFuture<>();
    private final Thread input;

    private ShellRun(VirtualScreen vt, SessionSpec spec, ShellSettings settings) {
        this.vt = vt;
        this.input = new Thread(() -> {
            try {
                outcome.complete(InteractiveShell.run(spec, vt.terminal(), settings));
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, "test-shell-input");
        input.setDaemon(true);
    }

    static SessionSpec spec(ScriptedServer server, String user) {
        return new SessionSpec(new PlainTransport(), "127.0.0.1", server.port(), user, true,
                () -> ScriptedServer.PASSWORD, Duration.ofSeconds(5));
    }

    static ShellSettings settings(Path history, boolean color, Duration keepalive) {
        return new ShellSettings(color, keepalive, history, ShellSettings.COMPLETION_TIMEOUT,
                Duration.ofSeconds(2));
    }

    static ShellRun start(ScriptedServer server, ShellSettings settings) throws Exception {
        ShellRun run = new ShellRun(new VirtualScreen(), spec(server, "alice"), settings);
        run.input.start();
        return run;
    }

    /** Waits for the shell to return. */
    ShellOutcome await() throws Exception {
        return outcome.get(10, TimeUnit.SECONDS);
    }

    /** Quits the shell if it still runs, closes the terminal, and checks no thread is left. */
    @Override
    public void close() throws IOException {
        try {
            if (!outcome.isDone()) {
                // Ctrl-E, Ctrl-U: an empty line, whatever was typed; then Ctrl-D quits.
                vt.type("\u0005\u0015\u0004");
                try {
                    outcome.get(5, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    input.interrupt();
                }
            }
            input.join(5000);
            vt.close();
            assertNoShellThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fails if a reader or keepalive thread outlived its shell. */
    static void assertNoShellThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (true) {
            Thread leaked = null;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                String name = t.getName();
                if (t.isAlive() && (name.equals(Connection.READER_THREAD_NAME) || name.equals(Keepalive.TICK_THREAD)
                        || name.equals(Keepalive.SEND_THREAD) || name.equals("test-shell-input"))) {
                    leaked = t;
                }
            }
            if (leaked == null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("thread still alive: " + leaked);
            }
            Thread.sleep(20);
        }
    }
}
