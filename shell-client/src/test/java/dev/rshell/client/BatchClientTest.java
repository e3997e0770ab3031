package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The batch client against the fake server: what is sent, what is printed, which status. */
class BatchClientTest {

    @TempDir
    Path dir;

    private FakeServer fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        ClientRun.assertNoReaderThread();
    }

    private ClientRun.Result run(String... args) {
        return client().run(args);
    }

    @Test
    @Timeout(10)
    void wordsAfterTheHostAreJoinedIntoOneCommand() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run(fake.target(), "echo", "hi", "there");
        assertEquals(new ClientRun.Result(0, "hi there\n", ""), r);
        assertEquals(List.of("echo hi there", ":quit"), fake.received());
        assertEquals(List.of("tester secret"), fake.logins);
    }

    @Test
    @Timeout(10)
    void optionsAfterTheHostBelongToTheCommand() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run(fake.target(), "echo", "-e", "-c", "x");
        assertEquals(new ClientRun.Result(0, "-e -c x\n", ""), r);
    }

    @Test
    @Timeout(10)
    void repeatedDashCAndFilesRunInTheOrderGiven() throws Exception {
        fake = FakeServer.start();
        Path file = Files.writeString(dir.resolve("two.rsh"), "echo 2\n");
        ClientRun.Result r = run("-c", "echo 1", "-f", file.toString(), "--command=echo 3", "-cecho 4", fake.target());
        assertEquals(new ClientRun.Result(0, "1\n2\n3\n4\n", ""), r);
    }

    @Test
    @Timeout(10)
    void fileSkipsBlankAndCommentLinesAndDropsTheCrBeforeLf() throws Exception {
        fake = FakeServer.start();
        Path file = Files.writeString(dir.resolve("s.rsh"), "echo one\n\n   # a note\n \t\n\techo two\r\n# end");
        ClientRun.Result r = run("-f", file.toString(), fake.target());
        assertEquals(new ClientRun.Result(0, "one\ntwo\n", ""), r);
        assertEquals(List.of("echo one", "\techo two", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void dashCWithLineBreaksIsSeveralLines() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "echo a\n\necho b\r\n", fake.target());
        assertEquals(new ClientRun.Result(0, "a\nb\n", ""), r);
        assertEquals(List.of("echo a", "echo b", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void commandsFromStdinIncludingALastLineWithoutNewline() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().stdin("echo a\n\n# skip\necho b").run(fake.target());
        assertEquals(new ClientRun.Result(0, "a\nb\n", ""), r);
        assertEquals(List.of("echo a", "echo b", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void noCommandsAtAllJustLogsInAndQuits() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "", ""), client().stdin("\n# nothing\n").run(fake.target()));
        assertEquals(List.of(":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void theLastCommandsStatusWins() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "x\n", ""), run("-c", "status 4", "-c", "echo x", fake.target()));
        assertEquals(new ClientRun.Result(4, "x\n", ""), run("-c", "echo x", "-c", "status 4", fake.target()));
        assertEquals(new ClientRun.Result(1, "", "oops\n"), run(fake.target(), "warn", "oops"));
    }

    @Test
    @Timeout(10)
    void exitAsTheLastCommandGivesItsStatus() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(4, "a\n", ""), run("-c", "echo a", "-c", "exit 4", fake.target()));
    }

    @Test
    @Timeout(10)
    void errexitStopsAtTheFirstFailureAndNeverSendsTheRest() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-e", "-c", "echo a", "-c", "status 3", "-c", "echo b", fake.target());
        assertEquals(new ClientRun.Result(3, "a\n", ""), r);
        assertEquals(List.of("echo a", "status 3", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void errexitSendsOneCommandAtATime() throws Exception {
        fake = FakeServer.start(f -> {
            f.holdFor = 2;
            f.holdMillis = 500;
        });
        ClientRun.Result r = run("-e", "-c", "echo a", "-c", "echo b", fake.target());
        assertEquals(new ClientRun.Result(0, "a\nb\n", ""), r);
        assertEquals(1, fake.heldAtFirstAnswer, "-e sent a second command before the first ended");
    }

    @Test
    @Timeout(10)
    void errexitTreatsABackgroundCommandAsSuccess() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-e", "-c", "job 5 &", "-c", "echo a", fake.target());
        assertEquals(new ClientRun.Result(0, "a\njob done\n", ""), r);
    }

    @Test
    @Timeout(10)
    void commandsArePipelined() throws Exception {
        fake = FakeServer.start(f -> f.holdFor = 3);
        ClientRun.Result r = run("-c", "echo 1", "-c", "echo 2", "-c", "echo 3", fake.target());
        assertEquals(new ClientRun.Result(0, "1\n2\n3\n", ""), r);
        assertEquals(3, fake.heldAtFirstAnswer, "the client waited for an end before sending more");
    }

    @Test
    @Timeout(30)
    void tenThousandLinesCompleteInOrder() throws Exception {
        fake = FakeServer.start();
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 10_000; i++) {
            script.append("echo line ").append(i).append('\n');
            expected.append("line ").append(i).append('\n');
        }
        Path file = Files.writeString(dir.resolve("big.rsh"), script);
        long start = System.nanoTime();
        ClientRun.Result r = run("-f", file.toString(), fake.target());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(0, expected.toString(), ""), r);
        assertEquals(10_001, fake.received().size());
        assertTrue(millis < 20_000, "took " + millis + " ms");
    }

    @Test
    @Timeout(10)
    void aSmallWindowStillCompletes() throws Exception {
        fake = FakeServer.start();
        List<String> args = new ArrayList<>(List.of("--window", "2"));
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            args.add("-c");
            args.add("echo " + i);
            expected.append(i).append('\n');
        }
        args.add(fake.target());
        assertEquals(new ClientRun.Result(0, expected.toString(), ""), run(args.toArray(String[]::new)));
    }

    @Test
    @Timeout(10)
    void aBackgroundCommandsStatusIsNotTheLastStatus() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "job done\n", ""), run("-c", "job 5 &", fake.target()));
        assertEquals(new ClientRun.Result(3, "job done\n", ""), run("-c", "job 0 &", "-c", "status 3", fake.target()));
    }

    @Test
    @Timeout(10)
    void aBackgroundCommandWithoutEndIsAFailure() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "orphan &", "-c", "echo a", fake.target());
        assertEquals(new ClientRun.Result(255, "a\n",
                "rshell: connection closed before command 1 ended (server said: goodbye)\n"), r);
    }

    @Test
    @Timeout(10)
    void serverMessagesGoToStderrWithAPrefix() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "notice maintenance at 5", "-c", "echo a", fake.target());
        assertEquals(new ClientRun.Result(0, "a\n", "rshell: server message: maintenance at 5\n"), r);
    }

    @Test
    @Timeout(10)
    void aDroppedConnectionBeforeAnEndIs255() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "echo a", "-c", "drop", "-c", "echo b", fake.target());
        assertEquals(255, r.status());
        assertEquals("a\n", r.out());
        assertTrue(r.err().matches("rshell: connection (closed|lost) before command 2 ended[^\n]*\n"), r.err());
    }

    @Test
    @Timeout(10)
    void byeBeforeEveryEndIs255() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "echo a", "-c", "bye shutting down", "-c", "echo b", fake.target());
        assertEquals(new ClientRun.Result(255, "a\n",
                "rshell: connection closed before command 2 ended (server said: shutting down)\n"), r);
    }

    @Test
    @Timeout(10)
    void unknownLineKindsAreIgnored() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "a\n", ""), run("-c", "raw frob 1 2", "-c", "echo a", fake.target()));
    }

    @Test
    @Timeout(10)
    void aMalformedKnownKindIsAProtocolError() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "rawonly end x 0", fake.target());
        assertEquals(new ClientRun.Result(255, "", "rshell: protocol error: malformed server line: \"end x 0\"\n"), r);
    }

    @Test
    @Timeout(10)
    void anEndForACommandNeverSentIsAProtocolError() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "rawonly end 9 0", fake.target());
        assertEquals(new ClientRun.Result(255, "",
                "rshell: protocol error: end 9 for a command that is not running (sent: 1)\n"), r);
    }

    @Test
    @Timeout(10)
    void aControlLineInAFileIsRefusedBeforeConnecting() throws Exception {
        fake = FakeServer.start();
        Path file = Files.writeString(dir.resolve("script.rsh"), "echo a\n# ok\n:quit\necho b\n");
        ClientRun.Result r = run("-f", file.toString(), fake.target());
        assertEquals(new ClientRun.Result(2, "", "rshell: " + file + ":3: a command can't start with ':'\n"), r);
        assertEquals(0, fake.connections.get());
    }

    @Test
    @Timeout(10)
    void aControlLineInDashCIsRefused() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", "echo a", "-c", ":ping", fake.target());
        assertEquals(new ClientRun.Result(2, "", "rshell: -c #2: a command can't start with ':'\n"), r);
        assertEquals(0, fake.connections.get());
    }

    @Test
    @Timeout(10)
    void aLeadingBlankMakesItACommandAsOnTheServer() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = run("-c", " :ping", fake.target());
        assertEquals(new ClientRun.Result(127, "", "fake: no such command: :ping\n"), r);
        assertEquals(List.of(" :ping", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void aControlLineOnStdinStopsAfterTheCommandsBeforeIt() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().stdin("echo a\n:quit\necho b\n").run(fake.target());
        assertEquals(new ClientRun.Result(2, "a\n", "rshell: <stdin>:2: a command can't start with ':'\n"), r);
        assertEquals(List.of("echo a", ":quit"), fake.received());
    }

    @Test
    @Timeout(10)
    void linesAlreadyReadAreSentBeforeWaitingForStdin() throws Exception {
        fake = FakeServer.start();
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        Thread typist = new Thread(() -> {
            try {
                // Type the next line only once the server has the first: a client that waits
                // for stdin with "echo a" still in its buffer never gets here.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (!fake.received().contains("echo a") && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                typing.write((fake.received().contains("echo a") ? "echo b\n" : "echo late\n")
                        .getBytes(StandardCharsets.UTF_8));
                typing.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        typist.start();
        ClientRun.Result r = client().stdin(stdin).run("-c", "echo a", "-f", "-", fake.target());
        typist.join();
        assertEquals(new ClientRun.Result(0, "a\nb\n", ""), r);
    }
}
