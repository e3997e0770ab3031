package dev.rshell.client.e2e;

import static dev.rshell.client.e2e.TmuxTest.client;
import static dev.rshell.client.e2e.TmuxTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typing to a running command on a real terminal (issue 11): tmux runs the client against
 * {@code bin/rshell-server}, as in {@link TmuxTest}, with real OS programs ({@code rm -i}, a
 * {@code sh} script that asks for a password like {@code sudo -S}) and the built-in {@code cat}.
 * The user is an {@code admin}, whose role may run any program.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteractiveInputTmuxTest {

    private static final String PROMPT = "ada@127.0.0.1:~#";

    Path dir;
    ServerProcess server;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "ada", "admin");
        server = ServerProcess.start(data);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static boolean tmuxInstalled() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private TmuxTest.Tmux shell(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        TmuxTest.Tmux tmux = TmuxTest.Tmux.start(dir, home, client("--no-tls", server.target("ada")));
        tmux.await(lines -> last(lines).equals(PROMPT), "the prompt");
        return tmux;
    }

    @Test
    void rmAsksOnTheLineWhereYIsTypedAndRemovesTheFile() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("files")).resolve("f"), "x\n");
        try (TmuxTest.Tmux tmux = shell("home-rm")) {
            tmux.type("rm -i " + file);
            tmux.key("Enter");
            String question = "rm: remove regular file '" + file + "'?";
            tmux.await(lines -> last(lines).endsWith(question), "rm's question as the last line");
            assertTrue(Files.exists(file), "rm waits for the answer");
            tmux.type("y");
            tmux.key("Enter");
            List<String> screen = tmux.await(lines -> last(lines).equals(PROMPT) && lines.size() >= 2
                    && lines.get(lines.size() - 2).endsWith(question + " y"), "the answer on the question's line");
            assertFalse(Files.exists(file), String.join("\n", screen));
            quit(tmux);
        }
    }

    @Test
    void linesTypedToCatComeBackAndCtrlDEndsIt() throws Exception {
        try (TmuxTest.Tmux tmux = shell("home-cat")) {
            tmux.type("cat");
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals(PROMPT + " cat"), "cat running");
            tmux.type("first line");
            tmux.key("Enter");
            tmux.type("second line");
            tmux.key("Enter");
            tmux.await(lines -> count(lines, "second line") >= 1 && !last(lines).equals(PROMPT), "both typed");
            tmux.key("C-d");
            List<String> screen = tmux.await(lines -> last(lines).equals(PROMPT) && count(lines, "first line") == 2
                    && count(lines, "second line") == 2, "each line typed and printed, then the prompt");
            assertEquals(PROMPT + " cat", screen.get(screen.size() - 6), String.join("\n", screen));
            quit(tmux);
        }
    }

    @Test
    void aSudoStylePasswordPromptIsAnsweredWithoutEchoAndStaysOutOfTheHistory() throws Exception {
        Path script = Files.writeString(dir.resolve("ask.sh"),
                "printf '[sudo] password for x: ' >&2\nread -r a\necho \"got ${#a}\"\n");
        String secret = "Tr0ub4dor&3-horse";
        Path home;
        try (TmuxTest.Tmux tmux = shell("home-sudo")) {
            home = dir.resolve("home-sudo");
            tmux.type("sh " + script);
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals("[sudo] password for x:"), "the password prompt");
            tmux.type(secret);
            tmux.key("Enter");
            List<String> screen = tmux.await(lines -> last(lines).equals(PROMPT)
                    && lines.contains("got " + secret.length()), "the script's answer, then the prompt");
            assertTrue(screen.contains("[sudo] password for x:"), String.join("\n", screen));
            assertTrue(screen.stream().noneMatch(l -> l.contains(secret)), "no echo:\n" + String.join("\n", screen));
            quit(tmux);
        }
        String history = Files.readString(home.resolve(".rshell").resolve("history-127.0.0.1-" + server.port));
        assertTrue(history.contains("sh " + script), history);
        assertFalse(history.contains(secret), history);
    }

    /**
     * Each Ctrl-C, at the prompt with a half-typed line or typed to a running {@code cat}, leaves
     * exactly one fresh prompt. (JLine's software signals made a Ctrl-C key also interrupt the
     * line reader; when the interrupt won, the key stayed behind and the next read ended at once
     * as a second Ctrl-C, leaving an empty prompt. That happened now and then: with those signals
     * on, one run of this test in three or so failed.)
     */
    @Test
    void everyCtrlCLeavesExactlyOnePrompt() throws Exception {
        int rounds = 12;
        try (TmuxTest.Tmux tmux = shell("home-ctrl-c")) {
            for (int i = 0; i < rounds; i++) {
                int round = i;
                tmux.key("C-l");
                tmux.await(lines -> lines.equals(List.of(PROMPT)), "a clear screen");
                tmux.type("abc" + i);
                tmux.await(lines -> last(lines).equals(PROMPT + " abc" + round), "the half-typed line");
                tmux.key("C-c");
                tmux.await(lines -> lines.equals(List.of(PROMPT + " abc" + round, PROMPT)), "one fresh prompt");
                tmux.type("cat");
                tmux.key("Enter");
                tmux.await(lines -> last(lines).equals(PROMPT + " cat"), "cat running");
                tmux.type("typed" + i);
                tmux.await(lines -> last(lines).equals("typed" + round), "a line typed to cat");
                tmux.key("C-c");
                tmux.await(lines -> last(lines).equals(PROMPT) && lines.size() >= 3, "the prompt after cat");
                // The shell's read of the next line may come a moment later than the prompt
                // shows; a stray second prompt would come with it.
                tmux.key("C-l");
                tmux.await(lines -> lines.equals(List.of(PROMPT)), "a clear screen");
                tmux.type("echo ok" + i);
                tmux.key("Enter");
                List<String> screen = tmux.await(lines -> lines.contains("ok" + round) && last(lines).equals(PROMPT),
                        "the next command's output");
                assertEquals(List.of(PROMPT + " echo ok" + i, "ok" + i, PROMPT), screen, "round " + i);
            }
            quit(tmux);
        }
    }

    private static long count(List<String> lines, String line) {
        return lines.stream().filter(line::equals).count();
    }

    private static void quit(TmuxTest.Tmux tmux) throws Exception {
        tmux.type("exit");
        tmux.key("Enter");
        tmux.await(lines -> lines.contains("[rshell exited 0]"), "the shell's exit status");
    }
}
