package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of typing to a running command: password prompts, input lines, the window, pending prompts. */
class InputPiecesTest {

    @Test
    void passwordPromptsAreRecognisedAsTheToolsPrintThem() {
        for (String prompt : List.of("Password: ", "password:", "[sudo] password for alice: ", "New password: ",
                "Retype new password: ", "Current password:", "(current) UNIX password: ", "PASSWORD:  \t",
                "Enter passphrase for key '/home/alice/.ssh/id_ed25519': ", "Enter PEM pass phrase:",
                "Passphrase: ", "Password for 'https://alice@example.org': ")) {
            assertTrue(SecretPrompt.asks(prompt), prompt);
        }
    }

    @Test
    void otherPromptsAreEchoed() {
        for (String prompt : List.of("", "Continue? ", "rm: remove regular file 'password'? ", "Change the password now? ",
                "Name: ", "passwords: ", "mypassword: ", "password", "Password: x", "Passwort: ", ":")) {
            assertFalse(SecretPrompt.asks(prompt), prompt);
        }
    }

    @Test
    void aShortLineIsOneInLine() {
        assertEquals(List.of(new ClientLine.Input(3, "y")), InputLines.of(3, "y"));
        assertEquals(List.of(new ClientLine.Input(3, "")), InputLines.of(3, ""));
        assertEquals(2, InputLines.cost(InputLines.of(3, "y")));
    }

    @Test
    void aLongLineGoesInPiecesThatReadBackAsTheLine() {
        // 1000 characters of two, three and four UTF-8 bytes, and a CR inside.
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            b.append("é€\uD83D\uDE00").append(i % 50 == 0 ? "\r" : "");
        }
        String line = b.toString();
        List<ClientLine.ToInput> lines = InputLines.of(1, line);
        assertTrue(lines.size() > 10, "pieces: " + lines.size());
        StringBuilder back = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            ClientLine.ToInput l = lines.get(i);
            String text = l instanceof ClientLine.PartialInput p ? p.text() : ((ClientLine.Input) l).text();
            assertEquals(i == lines.size() - 1, l instanceof ClientLine.Input, "only the last piece ends the line");
            assertTrue(text.getBytes(StandardCharsets.UTF_8).length <= InputLines.MAX_TEXT_BYTES + 4, text);
            assertFalse(text.endsWith("\r"), "no piece ends with CR");
            assertFalse(Character.isHighSurrogate(text.charAt(text.length() - 1)), "no character is split");
            assertEquals(l, ClientLine.classify(l.toWire()), "reads back the same");
            back.append(text);
        }
        assertEquals(line, back.toString());
        assertEquals(line.getBytes(StandardCharsets.UTF_8).length + 1, InputLines.cost(lines));
    }

    @Test
    void aNewlineInsideEndsALineAndATrailingCrIsRefused() {
        assertEquals(List.of(new ClientLine.Input(2, "a"), new ClientLine.Input(2, "b")), InputLines.of(2, "a\nb"));
        assertThrows(IllegalArgumentException.class, () -> InputLines.of(2, "a\r"));
        assertThrows(IllegalArgumentException.class, () -> InputLines.of(2, "a\r\nb"));
    }

    @Test
    void theWindowIsNeverOverspent() throws InterruptedException {
        CommandInput input = new CommandInput(1);
        assertFalse(input.spend(1, Duration.ZERO), "nothing before the first more");
        input.granted(5);
        assertTrue(input.spend(2, Duration.ZERO));
        assertTrue(input.spend(3, Duration.ZERO));
        assertFalse(input.spend(1, Duration.ZERO), "all spent");
        input.granted(10);
        input.done();
        assertFalse(input.spend(1, Duration.ofSeconds(5)), "a command that is done takes nothing, at once");
    }

    @Test
    void asManyLinesAsFitArePaidForAtOnce() throws InterruptedException {
        CommandInput input = new CommandInput(1);
        input.granted(10);
        long[] costs = {4, 4, 4, 1};
        assertEquals(2, input.spendPrefix(costs, 0, Duration.ZERO));
        assertEquals(0, input.spendPrefix(costs, 2, Duration.ZERO), "2 left, 4 needed");
        input.granted(3);
        assertEquals(2, input.spendPrefix(costs, 2, Duration.ZERO));
        assertEquals(0, input.spendPrefix(costs, 4, Duration.ZERO), "none left to pay for");
        assertFalse(input.spend(1, Duration.ZERO), "all spent");
    }

    @Test
    void aSpendWaitsForTheNextMore() throws Exception {
        CommandInput input = new CommandInput(1);
        Thread granter = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            input.granted(100);
        });
        granter.start();
        assertTrue(input.spend(100, Duration.ofSeconds(10)));
        granter.join();
    }

    @Test
    void pendingTextLeavesOnceByTheLineThatCompletesIt() {
        CommandInput input = new CommandInput(4);
        input.part(ServerLine.Stream.OUT, "Work");
        input.part(ServerLine.Stream.ERR, "warn ");
        input.part(ServerLine.Stream.OUT, "ing...");
        assertEquals("Workwarn ing...", CommandInput.text(input.prompt()));
        assertEquals("warn x", input.line(ServerLine.Stream.ERR, "x"), "only the pieces of its own stream");
        assertEquals("Working... done", input.line(ServerLine.Stream.OUT, " done"));
        assertNull(input.line(ServerLine.Stream.OUT, "next"), "nothing pending any more");
        assertEquals(List.of(), input.prompt());
    }

    @Test
    void pendingTextLeavesOnceByTheLineTypedAfterIt() {
        CommandInput input = new CommandInput(4);
        input.part(ServerLine.Stream.ERR, "Password: ");
        List<CommandInput.Piece> shown = input.prompt();
        input.part(ServerLine.Stream.OUT, "late ");
        assertEquals(shown, input.claim(shown));
        assertEquals(List.of(), input.claim(shown), "claimed once");
        assertEquals("late ", CommandInput.text(input.takeAll()), "what came after stays for the end");
        assertEquals(List.of(), input.takeAll());
    }
}
