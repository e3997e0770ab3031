package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every server line kind and every status of protocol.md, over a raw socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProtocolTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aScriptedSessionGetsExactlyTheLinesTheProtocolPrescribes() throws Exception {
        try (RawClient c = server.connect()) {
            c.sendRaw((":login alice " + TestServer.PASSWORD + "\necho hi\nfalse\n:quit\n")
                    .getBytes(StandardCharsets.UTF_8));
            List<String> lines = c.rest();
            assertTrue(lines.get(0).matches("hello rshell/1.1 \\S+ auth=password"), lines.get(0));
            assertEquals(List.of("ok logged in as alice (operator)", "cwd " + server.home, "out 1 hi", "end 1 0",
                    "end 2 1", "bye goodbye"), lines.subList(1, lines.size()));
        }
    }

    @Test
    void beforeLoginOnlyLoginPingAndQuitAreServed() throws Exception {
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello ");
            c.send("echo early");
            c.expect("no login first");
            c.send(":ping");
            c.expect("ok pong");
            c.send(":ping are you there");
            c.expect("ok pong are you there");
            c.send(":interrupt");
            c.expect("no login first");
            c.send(":login alice " + TestServer.PASSWORD);
            c.expect("ok logged in as alice (operator)");
            c.expectPrefix("cwd ");
            c.send("echo first");
            c.expect("out 1 first"); // the early line took no number
            c.expect("end 1 0");
        }
    }

    @Test
    void quitBeforeLoginSaysGoodbye() throws Exception {
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello ");
            c.send(":quit");
            assertEquals(List.of("bye goodbye"), c.rest());
        }
    }

    @Test
    void threeWrongPasswordsEndTheConnection() throws Exception {
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello ");
            c.send(":login alice wrong");
            c.expect("no login failed");
            c.send(":login nobody wrong");
            c.expect("no login failed"); // unknown user: the same answer
            c.send(":login alice wrong again");
            assertEquals(List.of("bye too many failed logins"), c.rest());
        }
    }

    @Test
    void loginAfterLoginIsRefusedInOrder() throws Exception {
        try (RawClient c = server.login()) {
            c.send("echo a");
            c.send(":login alice " + TestServer.PASSWORD);
            c.send("echo b");
            assertEquals(List.of("out 1 a", "end 1 0", "no already logged in", "out 2 b", "end 2 0"),
                    c.until("end 2 0"));
        }
    }

    @Test
    void unknownControlLinesAndBlankLines() throws Exception {
        try (RawClient c = server.login()) {
            c.send(":frobnicate now");
            c.expect("no unknown control line: :frobnicate");
            c.send("");
            c.send("   ");
            c.send("  # just a comment");
            c.send("echo numbered");
            c.expect("out 1 numbered");
            c.expect("end 1 0");
        }
    }

    @Test
    void statusesOfFailuresSyntaxErrorsAndMissingCommands() throws Exception {
        try (RawClient c = server.login()) {
            c.send("echo 'unterminated");
            assertTrue(c.expectPrefix("err 1 rshell: ").contains("quote"));
            c.expect("end 1 2");
            c.send("ls | wc");
            assertTrue(c.expectPrefix("err 2 ").contains("sh -c"));
            c.expect("end 2 2");
            c.send("no-such-command-here");
            c.expect("err 3 rshell: no-such-command-here: command not found");
            c.expect("end 3 127");
            c.send("sh -c 'exit 7'");
            c.expect("end 4 7");
            c.send("echo $?");
            c.expect("out 5 7");
            c.expect("end 5 0");
            c.send("sh -c 'kill -9 $$'");
            c.expect("end 6 137");
            c.send("ls /nope");
            c.expectPrefix("err 7 ls: /nope: ");
            c.expect("end 7 1");
        }
    }

    @Test
    void anOverlongLineIsAFailedCommandAndTheConnectionStaysUsable() throws Exception {
        try (RawClient c = server.login()) {
            byte[] big = new byte[1 << 20];
            Arrays.fill(big, (byte) 'a');
            c.sendRaw(big);
            c.send("");
            c.expect("err 1 rshell: line too long: 1048576 bytes (max-line is 65536)");
            c.expect("end 1 2");
            c.send("echo still here");
            c.expect("out 2 still here");
            c.expect("end 2 0");
        }
    }

    @Test
    void invalidUtf8IsDecodedAsReplacementCharacters() throws Exception {
        try (RawClient c = server.login()) {
            c.sendRaw(new byte[] {'e', 'c', 'h', 'o', ' ', (byte) 0xff, 'x', (byte) 0xc3, '\r', '\n'});
            c.expect("out 1 \uFFFDx\uFFFD");
            c.expect("end 1 0");
        }
    }

    @Test
    void backgroundCommandsInterruptAndPingWhileRunning() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sleep 30 &");
            c.expect("bg 1");
            c.send("echo meanwhile");
            c.expect("out 2 meanwhile");
            c.expect("end 2 0");
            c.send(":ping");
            c.expect("ok pong");
            c.send(":interrupt 1");
            c.expect("ok");
            c.expect("end 1 130");
            c.send(":interrupt 1");
            c.expect("no no such running command: 1");
            c.send(":interrupt");
            c.expect("no no command is running");
        }
    }

    @Test
    void interruptEndsTheForegroundCommandWith130() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sleep 30");
            c.send(":ping");
            c.expect("ok pong"); // answered while the command runs
            c.send(":interrupt");
            c.expect("ok");
            c.expect("end 1 130");
            c.send("sh -c 'sleep 30'");
            c.send(":ping");
            c.expect("ok pong");
            c.send(":interrupt 2");
            c.expect("ok");
            c.expect("end 2 130");
        }
    }

    @Test
    void anInterruptForACommandNotStartedYetEndsItWhenItStarts() throws Exception {
        try (RawClient c = server.login()) {
            // Command 2 waits behind command 1 when its interrupt arrives, as when a user
            // presses Ctrl-C right after Enter.
            c.sendRaw("sleep 0.3\nsleep 30\n:interrupt 2\n".getBytes(StandardCharsets.UTF_8));
            c.expect("ok");
            c.expect("end 1 0");
            c.expect("end 2 130");
            c.sendRaw("sleep 30\n:interrupt\n".getBytes(StandardCharsets.UTF_8));
            c.expect("ok");
            c.expect("end 3 130");
            c.send("echo still here");
            c.expect("out 4 still here");
            c.expect("end 4 0");
        }
    }

    @Test
    void cdSendsCwdBeforeItsEndAndExitEndsTheSession() throws Exception {
        Path sub = Files.createDirectories(server.home.resolve("sub dir"));
        try (RawClient c = server.login()) {
            c.send("cd 'sub dir'");
            c.expect("cwd " + sub);
            c.expect("end 1 0");
            c.send("pwd");
            c.expect("out 2 " + sub);
            c.expect("end 2 0");
            c.send("cd");
            c.expect("cwd " + server.home);
            c.expect("end 3 0");
            c.send("cd &");
            c.expectPrefix("err 4 ");
            c.expect("end 4 2");
            c.send("exit 3");
            assertEquals(List.of("end 5 3", "bye goodbye"), c.rest());
        }
    }

    @Test
    void quitWaitsForEveryCommandBeforeIt() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sleep 0.3");
            c.send("echo done");
            c.send(":quit");
            c.send("echo never");
            assertEquals(List.of("end 1 0", "out 2 done", "end 2 0", "bye goodbye"), c.rest());
        }
    }

    @Test
    void completeOffersCommandsThenPaths() throws Exception {
        Files.createDirectories(server.home.resolve("docs"));
        Files.writeString(server.home.resolve("dance notes.txt"), "x");
        Files.writeString(server.home.resolve(".hidden"), "x");
        try (RawClient c = server.login()) {
            c.send(":complete ech");
            c.expect("ok echo");
            c.send(":complete cat d");
            c.expect("ok 'dance notes.txt' docs/");
            c.send(":complete cat .h");
            c.expect("ok .hidden");
            c.send(":complete cat zzz");
            c.expect("ok");
        }
    }

    @Test
    void completeOfAWordNoPathCanSpellOffersNothingAndTheSessionGoesOn() throws Exception {
        // Regression (found by the fuzz fault test): Path refuses a NUL, and the exception
        // ended the reader thread; the client got no answer, then "bye".
        try (RawClient c = server.login()) {
            c.sendRaw(":complete cat a\u0000b\n".getBytes(StandardCharsets.UTF_8));
            c.expect("ok");
            c.send(":complete ls x/\u0000/");
            c.expect("ok");
            c.send("echo still here");
            c.expect("out 1 still here");
            c.expect("end 1 0");
        }
    }

    @Test
    void outputPreservesOrderAndSeparatesStreams() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sh -c 'echo one; echo two >&2; printf three'");
            List<String> lines = c.until("end 1 0");
            assertTrue(lines.contains("out 1 one"), lines.toString());
            assertTrue(lines.contains("err 1 two"), lines.toString());
            assertTrue(lines.contains("out 1 three"), lines.toString());
            assertTrue(lines.indexOf("out 1 one") < lines.indexOf("out 1 three"));
        }
    }

    @Test
    void aFloodOfPipelinedCommandsRunsInOrder() throws Exception {
        try (RawClient c = server.login()) {
            StringBuilder script = new StringBuilder("sleep 0.2\n");
            for (int i = 2; i <= 3000; i++) {
                script.append("echo ").append(i).append('\n');
            }
            c.sendRaw(script.toString().getBytes(StandardCharsets.UTF_8));
            c.expect("end 1 0");
            for (int i = 2; i <= 3000; i++) {
                c.expect("out " + i + " " + i);
                c.expect("end " + i + " 0");
            }
        }
    }

    @Test
    void emptyOutputLinesKeepTheirSpace() throws Exception {
        try (RawClient c = server.login()) {
            c.send("echo ''");
            c.expect("out 1 ");
            c.expect("end 1 0");
        }
    }

    @Test
    void theSessionEnvironmentIsCleanAndComplete() throws Exception {
        try (RawClient c = server.login()) {
            c.send("env");
            List<String> lines = c.until("end 1 0");
            assertEquals(List.of("out 1 HOME=" + server.home, "out 1 LANG=C.UTF-8", "out 1 LOGNAME=alice",
                    "out 1 PATH=/usr/local/bin:/usr/bin:/bin", "out 1 PWD=" + server.home, "out 1 USER=alice",
                    "end 1 0"), lines);
            c.send("export GREETING=hello");
            c.expect("end 2 0");
            c.send("sh -c 'echo $GREETING $USER'");
            c.expect("out 3 hello alice");
            c.expect("end 3 0");
        }
    }

    @Test
    void aDroppedConnectionEndsTheProcessTree() throws Exception {
        long pid;
        try (RawClient c = server.login()) {
            c.send("sh -c 'sleep 300 & echo $!; wait'");
            pid = Long.parseLong(c.expectPrefix("out 1 ").substring("out 1 ".length()));
            assertTrue(ProcessHandle.of(pid).isPresent());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sleep survived its session");
    }

    @Test
    void missingEndNeverHappensForRunningCommandsOnQuitOrExit() throws Exception {
        try (RawClient c = server.login()) {
            c.send("sleep 30 &");
            c.expect("bg 1");
            c.send("exit");
            assertEquals(List.of("end 1 130", "end 2 0", "bye goodbye"), sorted(c.rest()));
        }
    }

    private static List<String> sorted(List<String> lines) {
        // end 1 and end 2 may come in either order; bye is always last.
        List<String> copy = new java.util.ArrayList<>(lines.subList(0, lines.size() - 1));
        copy.sort(null);
        copy.add(lines.get(lines.size() - 1));
        return copy;
    }

    @Test
    void theServerClosesAfterBye() throws Exception {
        try (RawClient c = server.login()) {
            c.send(":quit");
            c.expect("bye goodbye");
            assertNull(c.line());
        }
    }

    @Test
    void limitsFromSettings() throws Exception {
        server.close();
        server = TestServer.start(dir.resolve("limits"), Map.of("command-timeout", "300ms", "exec", "off",
                "max-sessions", "1"));
        try (RawClient c = server.login()) {
            c.send("sleep 5");
            c.expect("end 1 124");
            c.send("true");
            c.expect("err 2 rshell: true: OS commands are not allowed on this server (exec is off)");
            c.expect("end 2 126");
            try (RawClient second = server.connect()) {
                assertEquals(List.of("bye busy"), second.rest());
            }
        }
    }

    @Test
    void silentConnectionsAreClosedAtLoginGrace() throws Exception {
        server.close();
        server = TestServer.start(dir.resolve("grace"), Map.of("login-grace", "1s"));
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello ");
            assertEquals(List.of("bye login timeout"), c.rest());
        }
    }
}
