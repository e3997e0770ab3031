package dev.rshell.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ClientLine.Sendable#toWire()}: exact wire text, and the server reads back the same value. */
class ClientLineWireTest {

    static Stream<ClientLine.Sendable> everySendableKind() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return Stream.of(
                new ClientLine.Login("alice", "correct horse battery staple"),
                new ClientLine.Login("u", "  lead, inner  and trail  "),
                new ClientLine.Login("u", ""),
                new ClientLine.Login("ünï", "pässwörd 😀\t#x"),
                new ClientLine.Ping(),
                new ClientLine.Ping("are you there"),
                new ClientLine.Ping(" lead and trail "),
                new ClientLine.Interrupt(ClientLine.Interrupt.FOREGROUND),
                new ClientLine.Interrupt(3),
                new ClientLine.Interrupt(Long.MAX_VALUE),
                new ClientLine.Complete(""),
                new ClientLine.Complete("ls  "),
                new ClientLine.Complete(" \t"),
                new ClientLine.Complete("cat /tmp/grüße"),
                new ClientLine.Quit(),
                new ClientLine.CommandText("echo hi"),
                new ClientLine.CommandText("  echo  'a  b'  "),
                new ClientLine.CommandText("\techo x # comment"),
                new ClientLine.CommandText(" :not-control"),
                new ClientLine.CommandText("echo 日本 😀"),
                new ClientLine.CommandText("echo a\rb"),
                new ClientLine.Features(List.of()),
                new ClientLine.Features(List.of("input")),
                new ClientLine.Features(List.of("input", "partial", "bytes", "x-later")),
                new ClientLine.StdinCommand("sort"),
                new ClientLine.StdinCommand("  tee /tmp/x &  "),
                new ClientLine.StdinCommand(":odd"),
                new ClientLine.Input(1, "pear"),
                new ClientLine.Input(1, ""),
                new ClientLine.Input(1, " "),
                new ClientLine.Input(2, "  lead and trail  "),
                new ClientLine.Input(2, "\t# not a comment"),
                new ClientLine.Input(3, ":in 3 nested"),
                new ClientLine.Input(4, "grüße 日本 😀"),
                new ClientLine.Input(5, "inner\rcr"),
                new ClientLine.Input(Long.MAX_VALUE, "x"),
                new ClientLine.PartialInput(1, "Continue? "),
                new ClientLine.PartialInput(1, ""),
                new ClientLine.PartialInput(1, "  "),
                new ClientLine.PartialInput(6, "é"),
                new ClientLine.EndOfInput(1),
                new ClientLine.EndOfInput(Long.MAX_VALUE),
                new ClientLine.InputBytes(1, new byte[0]),
                new ClientLine.InputBytes(1, new byte[] {'a'}),
                new ClientLine.InputBytes(1, "a\r\nb".getBytes(StandardCharsets.US_ASCII)),
                new ClientLine.InputBytes(7, all));
    }

    @ParameterizedTest
    @MethodSource("everySendableKind")
    void theServerReadsBackWhatTheClientWrites(ClientLine.Sendable line) {
        assertEquals(line, ClientLine.classify(line.toWire()));
    }

    @Test
    void exactWireText() {
        assertEquals(":login alice correct horse", new ClientLine.Login("alice", "correct horse").toWire());
        assertEquals(":ping", new ClientLine.Ping("").toWire());
        assertEquals(":ping x  y ", new ClientLine.Ping("x  y ").toWire());
        assertEquals(":interrupt", new ClientLine.Interrupt(-1).toWire());
        assertEquals(":interrupt 12", new ClientLine.Interrupt(12).toWire());
        assertEquals(":complete ", new ClientLine.Complete("").toWire(), "the space keeps an empty LINE");
        assertEquals(":complete ls  ", new ClientLine.Complete("ls  ").toWire());
        assertEquals(":quit", new ClientLine.Quit().toWire());
        assertEquals("  echo hi ", new ClientLine.CommandText("  echo hi ").toWire(), "a command line is its text");
        assertEquals(":features", new ClientLine.Features(List.of()).toWire());
        assertEquals(":features input bytes", new ClientLine.Features(List.of("input", "bytes")).toWire());
        assertEquals(":stdin sort -r", new ClientLine.StdinCommand("sort -r").toWire());
        assertEquals(":in 3 ", new ClientLine.Input(3, "").toWire(), "an empty line keeps its space");
        assertEquals(":in 3  a ", new ClientLine.Input(3, " a ").toWire());
        assertEquals(":in- 3 Continue? ", new ClientLine.PartialInput(3, "Continue? ").toWire());
        assertEquals(":eof 3", new ClientLine.EndOfInput(3).toWire());
        assertEquals(":inb 3 AAH/", new ClientLine.InputBytes(3, new byte[] {0, 1, (byte) 0xff}).toWire());
        assertEquals(":inb 3 YQ==", new ClientLine.InputBytes(3, new byte[] {'a'}).toWire(), "with padding");
        assertEquals(":inb 3 ", new ClientLine.InputBytes(3, new byte[0]).toWire());
    }

    @Test
    void aTypedControlLineGoesAsTypedAndIsReadAsWhatItIs() {
        assertEquals(":frobnicate  now ", new ClientLine.Verbatim(":frobnicate  now ").toWire());
        assertEquals(new ClientLine.BadControl("unknown control line: :frobnicate"),
                ClientLine.classify(new ClientLine.Verbatim(":frobnicate now").toWire()));
        assertEquals(new ClientLine.Ping(" x"), ClientLine.classify(new ClientLine.Verbatim(":ping  x").toWire()));
        for (String bad : new String[] {"echo", " :ping", ":ping\n", ":ping\r", ""}) {
            assertThrows(IllegalArgumentException.class, () -> new ClientLine.Verbatim(bad).toWire(), bad);
        }
    }

    @Test
    void base64HasNoLineBreaks() {
        String wire = new ClientLine.InputBytes(1, new byte[48 * 1024]).toWire();
        assertEquals(-1, wire.indexOf('\n'));
        assertEquals(-1, wire.indexOf('\r'));
        assertEquals(":inb 1 ".length() + 4 * 16 * 1024, wire.length());
    }

    @Test
    void textsThatWouldNotReadBackTheSameAreRefused() {
        List<ClientLine.Sendable> refused = List.of(
                new ClientLine.Login("", "pw"),
                new ClientLine.Login("two words", "pw"),
                new ClientLine.Login("u", "line\nbreak"),
                new ClientLine.Login("u", "final cr\r"),
                new ClientLine.Ping("a\nb"),
                new ClientLine.Interrupt(0),
                new ClientLine.Interrupt(-2),
                new ClientLine.Complete("x\n"),
                new ClientLine.CommandText(":ping"),
                new ClientLine.CommandText(""),
                new ClientLine.CommandText("   "),
                new ClientLine.CommandText("# comment"),
                new ClientLine.CommandText("echo a\nb"),
                new ClientLine.CommandText("echo cr\r"),
                new ClientLine.Features(List.of("")),
                new ClientLine.Features(List.of("two words")),
                new ClientLine.Features(List.of("tab\tbed")),
                new ClientLine.StdinCommand(""),
                new ClientLine.StdinCommand(" # nothing"),
                new ClientLine.StdinCommand("sort\n"),
                new ClientLine.Input(0, "x"),
                new ClientLine.Input(-1, "x"),
                new ClientLine.Input(1, "two\nlines"),
                new ClientLine.Input(1, "crlf\r"),
                new ClientLine.PartialInput(0, "x"),
                new ClientLine.PartialInput(1, "x\n"),
                new ClientLine.EndOfInput(0),
                new ClientLine.InputBytes(0, new byte[1]));
        for (ClientLine.Sendable line : refused) {
            assertThrows(IllegalArgumentException.class, line::toWire, line::toString);
        }
    }

    @Test
    void randomTextsRoundTripAsInputAndCommandText() {
        Random random = new Random(20250111L);
        String[] pieces = {" ", "  ", "\t", "#", ":", "a", "é", "日", "😀", "\r", "\u0000", "\u00A0", "'", "\"", "\\", "$"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(8);
            for (int j = 0; j < n; j++) {
                b.append(random.nextInt(6) == 0 ? String.valueOf((char) (0x20 + random.nextInt(0xD000)))
                        : pieces[random.nextInt(pieces.length)]);
            }
            String text = b.toString();
            if (text.endsWith("\r")) {
                text = text + "x";
            }
            long command = 1 + random.nextInt(1_000_000);
            for (ClientLine.Sendable line : List.of(new ClientLine.Input(command, text),
                    new ClientLine.PartialInput(command, text), new ClientLine.Ping(text),
                    new ClientLine.Complete(text), new ClientLine.Login("u", text))) {
                assertEquals(line, ClientLine.classify(line.toWire()), text);
            }
            if (!WireText.noWords(text) && !text.startsWith(":")) {
                assertEquals(new ClientLine.CommandText(text), ClientLine.classify(new ClientLine.CommandText(text).toWire()));
                assertEquals(new ClientLine.StdinCommand(text), ClientLine.classify(new ClientLine.StdinCommand(text).toWire()));
            }
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            ClientLine.InputBytes inb = new ClientLine.InputBytes(command, bytes);
            assertEquals(inb, ClientLine.classify(inb.toWire()));
        }
    }
}
