package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol 1.1 on the real server over real sockets and real processes: features, standard
 * input with windows, live prompts and byte-exact output and input.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InputProtocolTest {

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

    private RawClient loginWith(String features) throws Exception {
        RawClient c = server.login();
        c.send(":features " + features);
        c.expect("ok " + features);
        return c;
    }

    @Test
    void featuresAreGrantedInTheOrderAskedAndUnknownOnesLeftOut() throws Exception {
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello rshell/1.1 ");
            c.send(":features bytes nonesuch input");
            c.expect("ok bytes input");
            c.send(":features");
            c.expect("ok");
        }
    }

    @Test
    void sortReadsItsInputAndSeesItsEnd() throws Exception {
        try (RawClient c = loginWith("input")) {
            c.send(":stdin sort");
            c.expect("more 1 262144");
            c.send(":in 1 pear");
            c.send(":in 1 apple");
            c.send(":eof 1");
            assertEquals(List.of("out 1 apple", "out 1 pear", "end 1 0"), withoutMore(c.until("end 1 0")));
        }
    }

    /** The lines without {@code more} grants, which may come whenever the command has read. */
    private static List<String> withoutMore(List<String> lines) {
        List<String> rest = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("more ")) {
                rest.add(line);
            }
        }
        return rest;
    }

    @Test
    void inputNeverReachesTheAuditLogButTheCommandLineDoes() throws Exception {
        try (RawClient c = loginWith("input bytes")) {
            c.send(":stdin sort");
            c.expect("more 1 262144");
            c.send(":in 1 hunter2-typed-at-a-prompt");
            c.send(":inb 1 " + Base64.getEncoder().encodeToString("bytes-secret\n".getBytes(StandardCharsets.UTF_8)));
            c.send(":eof 1");
            assertEquals(List.of("out 1 bytes-secret", "out 1 hunter2-typed-at-a-prompt", "end 1 0"),
                    withoutMore(c.until("end 1 0")));
        }
        String log = Files.readString(server.dataDir.resolve("audit.log"));
        assertTrue(log.contains("\"sort\""), log);
        assertTrue(!log.contains("hunter2") && !log.contains("bytes-secret"), "input in the audit log: " + log);
    }

    @Test
    void tenThousandLinesAreSortedAndInputForAQueuedCommandWaitsForIt() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            lines.add(String.format("line %05d", (i * 7919) % 10_000));
        }
        try (RawClient c = loginWith("input")) {
            c.send("sleep 0.2");
            c.send(":stdin sort");
            StringBuilder burst = new StringBuilder();
            for (String line : lines) {
                burst.append(":in 2 ").append(line).append('\n');
            }
            burst.append(":eof 2\n");
            c.expect("more 2 262144");
            c.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8)); // 120 KB: inside the window
            c.expect("end 1 0");
            List<String> sorted = new ArrayList<>(lines);
            Collections.sort(sorted);
            for (String expected : sorted) {
                String got = c.line();
                while (got.startsWith("more 2 ")) {
                    got = c.line();
                }
                assertEquals("out 2 " + expected, got);
            }
            String end = c.line();
            while (end.startsWith("more 2 ")) {
                end = c.line();
            }
            assertEquals("end 2 0", end);
        }
    }

    @Test
    void aPromptWithoutNewlineComesAsPartThenTheAnswer() throws Exception {
        try (RawClient c = loginWith("input partial")) {
            c.send(":stdin sh -c 'printf \"Continue? \"; read a; echo \"got $a\"'");
            c.expect("more 1 262144");
            c.expect("part 1 out Continue? ");
            c.send(":in 1 yes");
            assertEquals(List.of("out 1 got yes", "end 1 0"), withoutMore(c.until("end 1 0")),
                    "the prompt's text is not sent again");
        }
    }

    @Test
    void withoutStdinACommandSeesEndOfInputAtOnceAsInVersion1() throws Exception {
        try (RawClient c = loginWith("input partial bytes")) {
            c.send("cat");
            c.expect("end 1 0");
            c.send("sh -c 'read a; echo \"status $?\"'");
            c.expect("out 2 status 1");
            c.expect("end 2 0");
        }
    }

    @Test
    void inputForACommandThatTakesNoneIsRefusedAndLateInputIsDropped() throws Exception {
        try (RawClient c = loginWith("input")) {
            c.send("true");
            c.expect("end 1 0");
            c.send(":in 1 hello");
            c.expect("no command 1 takes no input");
            c.send(":stdin true");
            c.expect("more 2 262144");
            c.expect("end 2 0");
            c.send(":in 2 raced its end");
            c.send(":ping");
            c.expect("ok pong"); // no reply to the late input
        }
    }

    @Test
    void stdinNeedsTheFeature() throws Exception {
        try (RawClient c = server.login()) {
            c.send(":stdin sort");
            c.expect("no feature input not granted");
            c.send("echo still numbered from 1");
            c.expect("out 1 still numbered from 1");
            c.expect("end 1 0");
        }
    }

    @Test
    void inputThatOutrunsACommandThatNeverReadsIsHeldByTheWindowWhileControlLinesAreAnswered() throws Exception {
        try (RawClient c = loginWith("input")) {
            c.send(":stdin sh -c 'sleep 30'"); // an OS program: its stdin pipe fills, then the window
            c.expect("more 1 262144");
            c.sendRaw(fullWindow(1));
            c.send(":ping held");
            c.expect("ok pong held");
            c.send(":interrupt 1");
            // The pipe took what it holds (64 KiB), and that much window came back: no more.
            List<String> rest = new ArrayList<>();
            long granted = 0;
            for (String line : c.until("end 1 130")) {
                if (line.startsWith("more 1 ")) {
                    granted += Long.parseLong(line.substring("more 1 ".length()));
                } else {
                    rest.add(line);
                }
            }
            assertEquals(List.of("ok", "end 1 130"), rest);
            assertTrue(granted <= 1024 * 1024, "granted back " + granted + " bytes, more than pipes hold");
            c.send(":stdin sleep 30"); // a built-in that never reads: exactly one window, then no more
            c.expect("more 2 262144");
            c.sendRaw(fullWindow(2));
            c.send(":in 2 one byte too many");
            List<String> last = c.until("bye input window exceeded");
            // A command that had started ends first, as always; one still queued never started.
            assertTrue(last.equals(List.of("end 2 130", "bye input window exceeded"))
                    || last.equals(List.of("bye input window exceeded")), last.toString());
        }
    }

    @Test
    void randomBinaryCrLfAndAMissingFinalNewlineRoundTripExactly() throws Exception {
        byte[] random = new byte[300_000];
        new Random(42).nextBytes(random);
        List<byte[]> samples = List.of(random, "one\r\ntwo\r\n".getBytes(StandardCharsets.UTF_8),
                "no final newline".getBytes(StandardCharsets.UTF_8),
                "caf\u00e9\nline\n\n".getBytes(StandardCharsets.UTF_8));
        try (RawClient c = loginWith("input bytes")) {
            long n = 0;
            for (byte[] sample : samples) {
                // Out: a file written on the server, read back with cat.
                Path file = Files.write(server.home.resolve("sample" + n), sample);
                c.send("cat " + file);
                n++;
                assertArrayEquals(sample, collectOutput(c, n), "cat of sample " + n);
                // In: the same bytes through cat's standard input, in window-sized pieces.
                c.send(":stdin cat");
                n++;
                assertArrayEquals(sample, throughInput(c, n, sample), "cat of input " + n);
            }
        }
    }

    @Test
    void aHundredMebibytesThroughWcAreCountedExactlyWithinTheWindow() throws Exception {
        long total = 100L * 1024 * 1024;
        try (RawClient c = loginWith("input")) {
            c.send(":stdin wc -c");
            long window = Long.parseLong(c.expectPrefix("more 1 ").substring("more 1 ".length()));
            String line = "y".repeat(1023);
            byte[] wire = (":in 1 " + line + "\n").getBytes(StandardCharsets.UTF_8);
            long sent = 0;
            String result = null;
            while (result == null) {
                // Send all the window allows, then read what came back: never past the window.
                StringBuilder burst = new StringBuilder();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (window >= 1024 && sent < total) {
                    out.write(wire);
                    window -= 1024;
                    sent += 1024;
                }
                if (out.size() > 0) {
                    c.sendRaw(out.toByteArray());
                }
                if (sent >= total && window >= 0) {
                    c.send(":eof 1");
                    sent = Long.MAX_VALUE; // ended
                }
                String reply = c.line();
                if (reply.startsWith("more 1 ")) {
                    window += Long.parseLong(reply.substring("more 1 ".length()));
                } else if (reply.startsWith("out 1 ")) {
                    result = reply.substring("out 1 ".length()).trim();
                } else {
                    throw new AssertionError("unexpected: " + reply);
                }
                assertTrue(window <= 262144, "never more than one window outstanding: " + window);
            }
            assertEquals(String.valueOf(total), result);
            String end = c.line();
            while (end.startsWith("more 1 ")) {
                end = c.line();
            }
            assertEquals("end 1 0", end);
        }
    }

    @Test
    void aClientThatOnlySendsWholeLargePiecesIsNeverLeftWaitingForWindow() throws Exception {
        // Pieces of 250,000 bytes (a max-line of 1 MiB lets an :inb line carry them), sent only
        // when the window has room for a whole one: once the command has read everything, the
        // server must give it all back, or both sides wait (window + held credit = 256 KiB).
        server.close();
        server = TestServer.start(dir.resolve("large-lines"), java.util.Map.of("max-line", "1048576"));
        byte[] piece = new byte[250_000];
        new Random(7).nextBytes(piece);
        String line = ":inb 1 " + Base64.getEncoder().encodeToString(piece);
        int pieces = 20; // 5 MB: twenty windows
        try (RawClient c = loginWith("input bytes")) {
            c.send(":stdin wc -c");
            long window = Long.parseLong(c.expectPrefix("more 1 ").substring("more 1 ".length()));
            int sent = 0;
            while (sent < pieces) {
                if (window >= piece.length) {
                    c.send(line);
                    window -= piece.length;
                    sent++;
                    continue;
                }
                String reply = c.line(); // fails after 10 s if no window comes back
                assertTrue(reply.startsWith("more 1 "), reply);
                window += Long.parseLong(reply.substring("more 1 ".length()));
            }
            c.send(":eof 1");
            assertEquals(List.of("out 1 " + (long) pieces * piece.length, "end 1 0"),
                    withoutMore(c.until("end 1 0")));
        }
    }

    /** Input lines for command {@code n} worth exactly one window: 256 lines of 1024 bytes. */
    private static byte[] fullWindow(long n) {
        String chunk = "x".repeat(1023);
        StringBuilder window = new StringBuilder();
        for (int i = 0; i < 256; i++) {
            window.append(":in ").append(n).append(' ').append(chunk).append('\n');
        }
        return window.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code input} to command {@code n} as {@code :inb} pieces, never past the window,
     * reading its output meanwhile; what it wrote to stdout, up to its end.
     */
    private static byte[] throughInput(RawClient c, long n, byte[] input) throws Exception {
        long window = Long.parseLong(c.expectPrefix("more " + n + " ").substring(("more " + n + " ").length()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Base64.Encoder encoder = Base64.getEncoder();
        int from = 0;
        boolean eofSent = false;
        while (true) {
            while (!eofSent) {
                int size = Math.min(30_000, input.length - from);
                if (size > window) {
                    break;
                }
                if (size > 0) {
                    c.send(":inb " + n + " " + encoder.encodeToString(java.util.Arrays.copyOfRange(input, from, from + size)));
                    from += size;
                    window -= size;
                }
                if (from == input.length) {
                    c.send(":eof " + n);
                    eofSent = true;
                }
            }
            String line = c.line();
            if (line.equals("end " + n + " 0")) {
                return bytes.toByteArray();
            }
            if (line.startsWith("more " + n + " ")) {
                window += Long.parseLong(line.substring(("more " + n + " ").length()));
            } else {
                appendOutput(bytes, line, n);
            }
        }
    }

    private static void appendOutput(ByteArrayOutputStream bytes, String line, long n) {
        if (line.startsWith("out " + n + " ")) {
            bytes.writeBytes((line.substring(("out " + n + " ").length()) + "\n").getBytes(StandardCharsets.UTF_8));
        } else if (line.startsWith("outb " + n + " ")) {
            bytes.writeBytes(Base64.getDecoder().decode(line.substring(("outb " + n + " ").length())));
        } else {
            throw new AssertionError("unexpected line: " + line);
        }
    }

    /** What command {@code n} wrote to stdout, out and outb lines joined, up to its end. */
    private static byte[] collectOutput(RawClient c, long n) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Base64.Decoder base64 = Base64.getDecoder();
        while (true) {
            String line = c.line();
            if (line.equals("end " + n + " 0")) {
                return bytes.toByteArray();
            }
            if (line.startsWith("out " + n + " ")) {
                bytes.write((line.substring(("out " + n + " ").length()) + "\n").getBytes(StandardCharsets.UTF_8));
            } else if (line.startsWith("outb " + n + " ")) {
                bytes.write(base64.decode(line.substring(("outb " + n + " ").length())));
            } else if (!line.startsWith("more " + n + " ")) {
                throw new AssertionError("unexpected line: " + line);
            }
        }
    }
}
