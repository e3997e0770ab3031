package dev.rshell.client.e2e;

import static dev.rshell.client.e2e.TmuxTest.client;
import static dev.rshell.client.e2e.TmuxTest.clientEnv;
import static dev.rshell.client.e2e.TmuxTest.last;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The questions the interactive client asks on a real terminal (issue 9): the password again
 * after a wrong one, the first-contact fingerprint question, and Ctrl-D with running jobs.
 * tmux runs the client against {@code bin/rshell-server}, as in {@link TmuxTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InteractivePromptsTmuxTest {

    Path dir;
    ServerProcess plain;
    ServerProcess tls;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        dir = tempDir;
        Path data = dir.resolve("data");
        ServerProcess.addUser(data, "alice", "operator");
        // No delay after a wrong password: the test types the next one at once.
        plain = ServerProcess.start(data, "--auth-delay", "0s");
        Path tlsData = dir.resolve("tls-data");
        ServerProcess.addUser(tlsData, "alice", "operator");
        tls = ServerProcess.startTls(tlsData, 0);
    }

    @AfterAll
    void stop() throws Exception {
        for (ServerProcess server : new ServerProcess[] {plain, tls}) {
            if (server != null) {
                server.close();
            }
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

    @Test
    void aWrongPasswordIsAskedAgainNamingTheUser() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-retry"));
        Map<String, String> env = clientEnv(home);
        env.remove("RSHELL_PASSWORD");
        String question = "alice@127.0.0.1's password:";
        try (TmuxTest.Tmux tmux = TmuxTest.Tmux.start(dir, home, client("--no-tls", plain.target("alice")), env)) {
            tmux.await(lines -> last(lines).equals(question), "the password prompt");
            tmux.type("not the password");
            tmux.key("Enter");
            List<String> screen = tmux.await(lines -> lines.contains("login failed for alice; try again")
                    && last(lines).equals(question), "the prompt asked again");
            assertTrue(String.join("\n", screen).indexOf("not the password") < 0, "no echo");
            tmux.type(ServerProcess.PASSWORD);
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals("alice@127.0.0.1:~$"), "the shell's prompt");
            tmux.type("exit");
            tmux.key("Enter");
            tmux.await(lines -> lines.contains("[rshell exited 0]"), "the shell's exit status");
        }
    }

    @Test
    void theFingerprintQuestionTakesYAndAsksAgainAfterAnUnclearAnswer() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-trust"));
        try (TmuxTest.Tmux tmux = TmuxTest.Tmux.start(dir, home, client(tls.target("alice")))) {
            tmux.await(lines -> last(lines).equals("Accept and remember this server? (yes/no)"), "the question");
            tmux.type("maybe");
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals("Please type 'yes', 'no' or the fingerprint:"), "the question again");
            tmux.type("y");
            tmux.key("Enter");
            List<String> screen = tmux.await(lines -> last(lines).equals("alice@127.0.0.1:~$"), "the shell's prompt");
            assertTrue(screen.stream().anyMatch(l -> l.startsWith("rshell: remembered 127.0.0.1:" + tls.port)),
                    String.join("\n", screen));
            tmux.type("exit");
            tmux.key("Enter");
            tmux.await(lines -> lines.contains("[rshell exited 0]"), "the shell's exit status");
        }
        String knownHosts = Files.readString(home.resolve(".rshell").resolve("known_hosts"));
        assertEquals("127.0.0.1:" + tls.port + " " + tls.printedFingerprint() + "\n", knownHosts);
    }

    @Test
    void ctrlDWithARunningJobWarnsOnceAndTheSecondQuits() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home-jobs"));
        String prompt = "alice@127.0.0.1:~$";
        String warning = "there are running jobs; Ctrl-D again to quit";
        try (TmuxTest.Tmux tmux = TmuxTest.Tmux.start(dir, home, client("--no-tls", plain.target("alice")))) {
            tmux.await(lines -> last(lines).equals(prompt), "the prompt");
            tmux.type("sleep 60 &");
            tmux.key("Enter");
            tmux.await(lines -> last(lines).equals(prompt) && lines.size() >= 2
                    && lines.get(lines.size() - 2).equals("[1]"), "the job started");
            tmux.key("C-d");
            List<String> screen = tmux.await(lines -> lines.contains(warning) && last(lines).equals(prompt),
                    "the warning and a fresh prompt");
            assertEquals(1, screen.stream().filter(warning::equals).count());
            tmux.key("C-d");
            screen = tmux.await(lines -> lines.stream().anyMatch(l -> l.startsWith("[rshell exited ")),
                    "the shell quit");
            assertEquals(1, screen.stream().filter(warning::equals).count(), String.join("\n", screen));
        }
    }
}
