package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive shell on a virtual 80x24 terminal against a scripted server: keys typed,
 * screen asserted.
 */
@Timeout(30)
class InteractiveShellTest {

    @TempDir
    Path dir;
    ScriptedServer server;
    ShellRun run;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        server.close();
    }

    private Path history() {
        return dir.resolve("history-127.0.0.1-" + server.port());
    }

    private ShellRun shell() throws Exception {
        run = ShellRun.start(server, ShellRun.settings(history(), false, null));
        return run;
    }

    private String prompt() {
        return "alice@127.0.0.1:~$";
    }

    @Test
    void promptShowsHomeAsTildeAndFollowsCd() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("cd /tmp\r");
        vt.awaitLastLine("alice@127.0.0.1:/tmp$");
        vt.type("cd /home/alice/src\r");
        vt.awaitLastLine("alice@127.0.0.1:~/src$");
        vt.type("cd /home/alicea\r");
        vt.awaitLastLine("alice@127.0.0.1:/home/alicea$");
        vt.type("\u0004");
        assertEquals(new ShellOutcome.Ended(0), run.await());
        assertEquals(List.of("cd /tmp", "cd /home/alice/src", "cd /home/alicea", ":quit"), server.received());
    }

    @Test
    void adminGetsAHashPrompt() throws Exception {
        server.role = "admin";
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine("alice@127.0.0.1:~#");
    }

    @Test
    void commandOutputThenThePromptAgain() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo hello world\r");
        vt.awaitScreen(List.of(prompt() + " echo hello world", "hello world", prompt()));
        vt.type("warn bad\r");
        vt.awaitScreen(List.of(prompt() + " echo hello world", "hello world", prompt() + " warn bad", "bad",
                prompt()));
        vt.type("exit\r");
        assertEquals(new ShellOutcome.Ended(1), run.await());
        assertEquals(List.of("echo hello world", "warn bad", ":quit"), server.received());
    }

    @Test
    void linesAreSentExactlyAsTyped() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        String line = "echo 'a  b' \\x $HOME !! \"q";
        vt.type(line + "\r");
        server.awaitReceived(line, Duration.ofSeconds(5));
        vt.type("   \r# only a comment\r");
        vt.type("echo done\r");
        vt.awaitRow("done");
        assertEquals(List.of(line, "echo done"), server.received(), "blank and comment lines are not sent");
    }

    @Test
    void aMessageArrivingWhileTypingShowsAboveThePromptAndThePartialLineSurvives() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo hello wor");
        vt.awaitLastLine(prompt() + " echo hello wor");
        vt.type("\u0002\u0002"); // Ctrl-B twice: the cursor moves back into the word
        server.push("msg wall from bob: lunch is ready");
        vt.awaitScreen(List.of("[msg] wall from bob: lunch is ready", prompt() + " echo hello wor"));
        int[] cursor = vt.cursor();
        assertEquals(1, cursor[1], "cursor row");
        assertEquals((prompt() + " echo hello wor").length() - 2, cursor[0], "cursor column kept");
        vt.type("\u0005ld\r"); // Ctrl-E: end of line, then finish the word
        vt.awaitScreen(List.of("[msg] wall from bob: lunch is ready", prompt() + " echo hello world",
                "hello world", prompt()));
        assertEquals(List.of("echo hello world"), server.received());
    }

    @Test
    void outputOfABackgroundCommandShowsAboveThePrompt() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("sleep 0.3 &\r");
        vt.awaitScreen(List.of(prompt() + " sleep 0.3 &", "[1]", prompt()));
        vt.type("ec");
        vt.awaitScreen(List.of(prompt() + " sleep 0.3 &", "[1]", "[1] done", prompt() + " ec"));
        vt.type("ho x\r");
        vt.awaitLastLine(prompt());
        vt.type("exit\r");
        assertEquals(new ShellOutcome.Ended(0), run.await());
    }

    @Test
    void ctrlCDuringALongCommandSendsInterruptAndThePromptComesBackAfterItsEnd() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("sleep 30\r");
        server.awaitReceived("sleep 30", Duration.ofSeconds(5));
        vt.awaitLastLine(prompt() + " sleep 30");
        vt.type("\u0003");
        server.awaitReceived(":interrupt 1", Duration.ofSeconds(5));
        vt.awaitScreen(List.of(prompt() + " sleep 30", "^C", prompt()));
        vt.type("\u0004");
        assertEquals(new ShellOutcome.Ended(130), run.await(), "the last command's status");
        assertEquals(List.of("sleep 30", ":interrupt 1", ":quit"), server.received());
    }

    @Test
    void ctrlCAtThePromptClearsTheLine() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo never");
        vt.awaitLastLine(prompt() + " echo never");
        vt.type("\u0003");
        vt.awaitScreen(List.of(prompt() + " echo never", prompt()));
        vt.type("echo yes\r");
        vt.awaitRow("yes");
        assertEquals(List.of("echo yes"), server.received());
    }

    @Test
    void tabCompletesACommandName() throws Exception {
        server.completions.put("ec", "echo");
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("ec\t");
        vt.awaitLastLine(prompt() + " echo");
        vt.type("hi\r");
        vt.awaitRow("hi");
        assertEquals(List.of(":complete ec", "echo hi"), server.received());
    }

    @Test
    void tabCompletesAPathWithoutASpaceAfterADirectory() throws Exception {
        server.completions.put("cat /et", "/etc/");
        server.completions.put("cat /etc/hostn", "/etc/hostname");
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("cat /et\t");
        vt.awaitLastLine(prompt() + " cat /etc/");
        vt.type("hostn\t");
        vt.awaitLastLine(prompt() + " cat /etc/hostname");
        assertEquals(List.of(":complete cat /et", ":complete cat /etc/hostn"), server.received());
    }

    @Test
    void tabReplacesTheTypedWordWithTheServersQuotedCandidate() throws Exception {
        server.completions.put("cat my\\ f", "'my file.txt'");
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("cat my\\ f\t");
        vt.awaitLastLine(prompt() + " cat 'my file.txt'");
    }

    @Test
    void severalCandidatesAreListedAndTheirCommonPrefixInserted() throws Exception {
        server.completions.put("ls /etc/ho", "/etc/host.conf /etc/hostname /etc/hosts");
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("ls /etc/ho\t");
        vt.await(t -> t.stream().anyMatch(l -> l.contains("/etc/hostname") && l.contains("/etc/hosts"))
                && t.get(0).equals(prompt() + " ls /etc/host"), Duration.ofSeconds(5), "the candidates listed");
    }

    @Test
    void aSlowServerNeverBlocksThePromptLongerThanTheTimeout() throws Exception {
        server.completions.put("ec", "echo");
        server.completionDelay = Duration.ofSeconds(2);
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        long start = System.nanoTime();
        vt.type("ec\tho 1");
        vt.awaitLastLine(prompt() + " echo 1");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "the prompt waited " + millis + " ms");
        // The late answer still matches its request: once it came, the next ones line up.
        server.completionDelay = Duration.ZERO;
        Thread.sleep(2000);
        vt.type("\u0015ec\t"); // Ctrl-U: clear the line
        vt.awaitLastLine(prompt() + " echo");
    }

    @Test
    void historyIsKeptPerServerWithoutLoginOrPasswdLines() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo one\r");
        vt.awaitRow("one");
        vt.type(":login bob hunter2\r");
        vt.awaitRow("rshell: already logged in; :login is not sent");
        vt.type("passwd oldpw newpassword1\r");
        vt.awaitRow("password changed");
        vt.type("passwd\r");
        vt.awaitLastLine("Old password:");
        vt.type("it's old\r");
        vt.awaitLastLine("New password:");
        vt.type("new 'pass' 2\r");
        vt.awaitLastLine("Retype new password:");
        vt.type("new 'pass' 2\r");
        server.awaitReceived("passwd 'it'\\''s old' 'new '\\''pass'\\'' 2'", Duration.ofSeconds(5));
        vt.awaitLastLine(prompt());
        vt.type("echo two\r");
        vt.awaitRow("two");
        String screen = String.join("\n", vt.text());
        assertFalse(screen.contains("it's old") || screen.contains("pass' 2"), "passwords were echoed:\n" + screen);
        vt.type("\u0004");
        run.await();

        String saved = Files.readString(history());
        assertTrue(saved.contains("echo one") && saved.contains("echo two"), saved);
        for (String secret : List.of(":login", "hunter2", "passwd", "oldpw", "newpassword1", "it's old", "pass")) {
            assertFalse(saved.contains(secret), secret + " reached the history: " + saved);
        }
        assertFalse(server.received().stream().anyMatch(l -> l.startsWith(":login")), "no :login is sent");
    }

    @Test
    void historyIsSearchedWithCtrlRAndComesBackInTheNextSession() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo alpha\r");
        vt.awaitRow("alpha");
        vt.type("\u0004");
        run.await();
        run.close();

        run = ShellRun.start(server, ShellRun.settings(history(), false, null));
        vt = run.vt;
        vt.awaitLastLine(prompt());
        vt.type("\u0012alp"); // Ctrl-R
        vt.await(t -> String.join("\n", t).contains("echo alpha"), Duration.ofSeconds(5), "the search hit");
        vt.type("\r\r");
        vt.await(t -> t.stream().filter("alpha"::equals).count() == 1 && t.get(t.size() - 1).equals(prompt()),
                Duration.ofSeconds(5), "the found line run");
        vt.type("\u0004");
        run.await();
        String saved = Files.readString(history());
        assertEquals(1, saved.split("echo alpha", -1).length - 1, "a repeated line is kept once: " + saved);
    }

    @Test
    void aMismatchedNewPasswordSendsNothing() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("passwd\r");
        vt.awaitLastLine("Old password:");
        vt.type("old\r");
        vt.awaitLastLine("New password:");
        vt.type("new one 1\r");
        vt.awaitLastLine("Retype new password:");
        vt.type("new one 2\r");
        vt.awaitRow("passwd: the new passwords differ; nothing changed");
        vt.awaitLastLine(prompt());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aDroppedConnectionAtThePromptIsReportedAndEndsTheShell() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("echo half");
        vt.awaitLastLine(prompt() + " echo half");
        server.drop();
        assertEquals(new ShellOutcome.Failed("connection closed by 127.0.0.1:" + server.port()), run.await());
    }

    @Test
    void aDroppedConnectionDuringACommandNamesTheCommand() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("sleep 30\r");
        server.awaitReceived("sleep 30", Duration.ofSeconds(5));
        server.drop();
        assertEquals(new ShellOutcome.Failed("connection closed before command 1 ended"), run.await());
    }

    @Test
    void exitWithAStatusEndsTheSessionWithIt() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("exit 3\r");
        assertEquals(new ShellOutcome.Ended(3), run.await());
    }

    @Test
    void aServerThatStopsAnsweringPingsIsReported() throws Exception {
        run = ShellRun.start(server, ShellRun.settings(history(), false, Duration.ofMillis(300)));
        run.vt.awaitLastLine(prompt());
        server.awaitReceived(":ping", Duration.ofSeconds(5));
        server.answerPings = false;
        assertEquals(new ShellOutcome.Failed("127.0.0.1:" + server.port() + " stopped answering"), run.await());
    }

    @Test
    void answeredPingsKeepTheSessionAlive() throws Exception {
        run = ShellRun.start(server, ShellRun.settings(history(), false, Duration.ofMillis(100)));
        VirtualScreen vt = run.vt;
        vt.awaitLastLine(prompt());
        Thread.sleep(800);
        vt.type("echo still here\r");
        vt.awaitRow("still here");
        assertTrue(server.received().stream().filter(":ping"::equals).count() >= 3, server.received().toString());
        vt.type("\u0004");
        assertEquals(new ShellOutcome.Ended(0), run.await());
    }

    @Test
    void typedControlLinesShowTheirAnswer() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type(":ping\r");
        vt.awaitRow("ok pong");
        vt.type(":bogus\r");
        vt.awaitRow("no unknown control line: :bogus");
        vt.awaitLastLine(prompt());
    }

    @Test
    void errorsAreRedAndMessagesStandOutWithColour() throws Exception {
        run = ShellRun.start(server, ShellRun.settings(history(), true, null));
        VirtualScreen vt = run.vt;
        vt.awaitLastLine(prompt());
        vt.type("warn oops\r");
        vt.awaitRow("oops");
        server.push("msg hi");
        vt.awaitRow("[msg] hi");
        List<String> rows = vt.text();
        long err = vt.cell(rows.indexOf("oops"), 0);
        assertTrue(org.jline.utils.ScreenTerminal.cellHasForeground(err), "err text is coloured");
        assertEquals(0x800, org.jline.utils.ScreenTerminal.cellForeground(err), "red (12-bit RGB)");
        long msg = vt.cell(rows.indexOf("[msg] hi"), 0);
        assertTrue(org.jline.utils.ScreenTerminal.cellBold(msg), "msg text is bold");
        assertEquals(0x880, org.jline.utils.ScreenTerminal.cellForeground(msg), "yellow (12-bit RGB)");
        long prompt = vt.cell(0, 0);
        assertFalse(org.jline.utils.ScreenTerminal.cellHasForeground(prompt));
    }

    @Test
    void noColourMeansPlainText() throws Exception {
        VirtualScreen vt = shell().vt;
        vt.awaitLastLine(prompt());
        vt.type("warn oops\r");
        vt.awaitRow("oops");
        List<String> rows = vt.text();
        long err = vt.cell(rows.indexOf("oops"), 0);
        assertFalse(org.jline.utils.ScreenTerminal.cellHasForeground(err));
    }

    @Test
    void aWrongPasswordFailsBeforeAnyPrompt() throws Exception {
        VirtualScreen vt = new VirtualScreen();
        try {
            ShellOutcome outcome = InteractiveShell.run(new dev.rshell.client.connect.SessionSpec(
                    new dev.rshell.client.connect.PlainTransport(), "127.0.0.1", server.port(), "alice", true,
                    () -> "wrong", Duration.ofSeconds(5)), vt.terminal(), ShellRun.settings(history(), false, null));
            assertEquals(new ShellOutcome.Failed("login failed for alice: login failed"), outcome);
            assertEquals(List.of(), vt.text());
        } finally {
            vt.close();
        }
        ShellRun.assertNoShellThreads();
    }
}
