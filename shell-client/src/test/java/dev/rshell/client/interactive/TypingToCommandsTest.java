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
 * Typing to a running command (protocol 1.1) on a virtual 80x24 terminal against a scripted
 * server that speaks 1.1: what is sent, and what the screen shows.
 */
@Timeout(30)
class TypingToCommandsTest {

    private static final String PROMPT = "alice@127.0.0.1:~$";

    @TempDir
    Path dir;
    ScriptedServer server;
    ShellRun run;

    @BeforeEach
    void startServer() throws Exception {
        server = ScriptedServer.start();
        server.version11 = true;
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

    private VirtualScreen shell() throws Exception {
        run = ShellRun.start(server, ShellRun.settings(history(), false, null));
        run.vt.awaitLastLine(PROMPT);
        return run.vt;
    }

    @Test
    void theAnswerIsTypedOnThePromptsLineAndGoesAsAnInLine() throws Exception {
        VirtualScreen vt = shell();
        assertEquals(List.of(":features input partial"), server.features);
        vt.type("ask Continue?\r");
        vt.awaitScreen(List.of(PROMPT + " ask Continue?", "Continue?"));
        assertEquals("Continue? ".length(), vt.cursor()[0], "the cursor waits after the prompt");
        vt.type("yes\r");
        vt.awaitScreen(List.of(PROMPT + " ask Continue?", "Continue? yes", "got yes", PROMPT));
        vt.type("echo after\r");
        vt.awaitRow("after");
        assertEquals(List.of(":stdin ask Continue?", ":in 1 yes", ":stdin echo after"), server.received());
    }

    @Test
    void linesTypedToCatAndCtrlDEndingItsInput() throws Exception {
        VirtualScreen vt = shell();
        vt.type("cat\r");
        server.awaitReceived(":stdin cat", Duration.ofSeconds(5));
        vt.type("one\r");
        vt.awaitScreen(List.of(PROMPT + " cat", "one", "one"));
        vt.type("two\r");
        vt.awaitScreen(List.of(PROMPT + " cat", "one", "one", "two", "two"));
        vt.type("\u0004");
        vt.awaitScreen(List.of(PROMPT + " cat", "one", "one", "two", "two", PROMPT));
        assertEquals(List.of(":stdin cat", ":in 1 one", ":in 1 two", ":eof 1"), server.received());
        assertEquals(new ShellOutcome.Ended(0), quit());
        assertFalse(Files.readString(history()).contains("one"), "lines typed to a command are not history");
    }

    @Test
    void aPasswordPromptIsAnsweredWithoutEchoAndNotKeptInTheHistory() throws Exception {
        VirtualScreen vt = shell();
        vt.type("askerr [sudo] password for alice:\r");
        vt.awaitLastLine("[sudo] password for alice:");
        vt.type("hunter2");
        server.push("msg wall from bob: hello"); // a redraw meanwhile shows nothing typed either
        vt.awaitRow("[msg] wall from bob: hello");
        assertTrue(vt.text().stream().noneMatch(l -> l.contains("hunter2")), String.join("\n", vt.text()));
        vt.type("\r");
        List<String> screen = vt.awaitRow("got hunter2");
        assertTrue(screen.contains("[sudo] password for alice:"), String.join("\n", screen));
        assertEquals(1, screen.stream().filter(l -> l.contains("hunter2")).count(), "only the fake's own echo");
        vt.awaitLastLine(PROMPT);
        assertEquals(new ShellOutcome.Ended(0), quit());
        String history = Files.readString(history());
        assertFalse(history.contains("hunter2"), history);
        assertTrue(history.contains("askerr"), history);
    }

    @Test
    void textTypedBeforeThePromptCameStaysOnItsLine() throws Exception {
        VirtualScreen vt = shell();
        vt.type("cat\r");
        server.awaitReceived(":stdin cat", Duration.ofSeconds(5));
        vt.type("hal");
        vt.awaitLastLine("hal");
        server.push("part 1 out Name? ");
        vt.awaitLastLine("Name? hal");
        vt.type("f\r");
        vt.awaitScreen(List.of(PROMPT + " cat", "Name? half", "half"));
        vt.type("\u0004");
        vt.awaitLastLine(PROMPT);
        assertEquals(List.of(":stdin cat", ":in 1 half", ":eof 1"), server.received());
    }

    @Test
    void ctrlCWhileTypingToACommandInterruptsIt() throws Exception {
        VirtualScreen vt = shell();
        vt.type("cat\r");
        server.awaitReceived(":stdin cat", Duration.ofSeconds(5));
        vt.type("abc\u0003");
        vt.awaitScreen(List.of(PROMPT + " cat", "abc^C", PROMPT));
        assertEquals(List.of(":stdin cat", ":interrupt 1"), server.received());
        assertEquals(new ShellOutcome.Ended(130), quit());
    }

    @Test
    void textHalfTypedWhenTheCommandEndsStartsTheNextPrompt() throws Exception {
        VirtualScreen vt = shell();
        vt.type("sleep 0.5\r");
        server.awaitReceived(":stdin sleep 0.5", Duration.ofSeconds(5));
        vt.type("echo next");
        vt.awaitScreen(List.of(PROMPT + " sleep 0.5", PROMPT + " echo next"));
        vt.type("\r");
        vt.awaitRow("next");
        vt.awaitLastLine(PROMPT);
        assertEquals(List.of(":stdin sleep 0.5", ":stdin echo next"), server.received());
    }

    @Test
    void backgroundCommandsAndExitGoAsPlainLines() throws Exception {
        VirtualScreen vt = shell();
        vt.type("sleep 0.1 &\r");
        vt.awaitRow("[1] done");
        vt.type("exit 3\r");
        assertEquals(new ShellOutcome.Ended(3), run.await());
        assertEquals(List.of("sleep 0.1 &", "exit 3"), server.received());
    }

    @Test
    void aLineTheWindowHasNoRoomForIsRefusedNotSent() throws Exception {
        server.window = 4;
        VirtualScreen vt = shell();
        vt.type("cat\r");
        server.awaitReceived(":stdin cat", Duration.ofSeconds(5));
        vt.type("abc\r");
        vt.awaitRow("abc");
        vt.type("more than the window\r");
        vt.awaitRow("rshell: not sent: command 1 is not reading its input (its window is full)");
        vt.type("\u0004");
        vt.awaitLastLine(PROMPT);
        assertEquals(List.of(":stdin cat", ":in 1 abc", ":eof 1"), server.received());
    }

    @Test
    void aLineLongerThanTheWindowGoesAsTheCommandReadsIt() throws Exception {
        server.window = 300;
        server.regrant = true;
        VirtualScreen vt = shell();
        vt.type("len\r");
        server.awaitReceived(":stdin len", Duration.ofSeconds(5));
        vt.type("x".repeat(1000) + "\r");
        vt.awaitRow("1000");
        vt.type("\u0004");
        vt.awaitLastLine(PROMPT);
        List<String> got = server.received();
        assertEquals(":stdin len", got.get(0));
        assertEquals(":eof 1", got.get(got.size() - 1));
        assertTrue(got.size() - 2 >= 5, "pieces of at most 200 bytes: " + got);
        assertTrue(vt.text().stream().noneMatch(l -> l.startsWith("rshell:")), String.join("\n", vt.text()));
    }

    @Test
    void typedInputLinesAreRefusedForTheyWouldUpsetTheNumbering() throws Exception {
        VirtualScreen vt = shell();
        vt.type(":stdin cat\r");
        vt.awaitRow("rshell: the shell sends :stdin itself; not sent (granted: input partial)");
        vt.type(":eof 1\r");
        vt.awaitRow("rshell: the shell sends :eof itself; not sent (granted: input partial)");
        vt.type("echo hi\r");
        vt.awaitRow("hi");
        vt.awaitLastLine(PROMPT);
        assertEquals(List.of(":stdin echo hi"), server.received());
    }

    @Test
    void aVersion1ServerGetsPlainCommandLinesAndNoInput() throws Exception {
        server.version11 = false;
        VirtualScreen vt = shell();
        assertEquals(List.of(":features input partial"), server.features, "asked once, refused");
        vt.type("sleep 0.3\r");
        server.awaitReceived("sleep 0.3", Duration.ofSeconds(5));
        vt.type("echo typed meanwhile\r");
        vt.awaitRow("typed meanwhile");
        vt.awaitLastLine(PROMPT);
        assertEquals(List.of("sleep 0.3", "echo typed meanwhile"), server.received(),
                "what is typed while a command runs waits for the next prompt, as before");
    }

    private ShellOutcome quit() throws Exception {
        run.vt.type("\u0004");
        return run.await();
    }
}
