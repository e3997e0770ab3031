package dev.rshell.client.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * What one fuzz connection sends: a random mix of protocol-like lines ({@code :login},
 * {@code :interrupt}, {@code :complete}, {@code :quit}, unknown control lines), command lines
 * valid and invalid, very long tokens around {@code max-line}, invalid UTF-8, NUL bytes, CR
 * without LF, raw random bytes and a possibly unfinished last line.
 *
 * <p>Everything comes from the {@link Random} given, so a connection's bytes can be made again
 * from the run's seed and the connection's index. The commands are the ones a viewer may run and
 * every one of them ends by itself or at the session's end: the fuzz must test the server, not
 * wait on a {@code sleep 3600}.
 */
final class FuzzInput {

    /** Command lines that run, or fail cleanly, for a viewer; none runs for long. */
    private static final String[] COMMANDS = {
        "echo hi", "echo $USER ${HOME} $? ~ ~/x", "echo *", "echo /e*/host*", "pwd", "cd /", "cd ..",
        "cd /nonexistent", "cd", "date", "whoami", "hostname", "uptime", "sysinfo", "stats", "who", "help",
        "help echo", "env", "export A=1", "export 1A=x", "unset A", "ls", "ls /", "ls -l /etc",
        "ls /nonexistent", "cat /etc/hostname", "cat /nonexistent", "head -n 2 /etc/passwd",
        "tail -n 2 /etc/passwd", "sleep 0.05", "sleep 0.2 &", "sleep x", "jobs", "wait", "wait 1",
        "kill 1", "kill x", "exit", "exit 7", "exit x", "passwd wrong new", "passwd", "true",
        "sh -c 'echo no'", "nosuchcommand", "cd / &", "echo bg &", "tail -f /etc/hostname &",
    };

    /** Command lines the parser must refuse. */
    private static final String[] BAD_COMMANDS = {
        "echo 'unterminated", "echo \"unterminated", "echo ${", "echo ${A", "echo ${1}", "ls | wc -l",
        "echo a; echo b", "echo a && b", "echo > /tmp/x", "cat < /etc/passwd", "a&", "&", "echo a & b",
        "echo \\", "echo \"\\", "echo `id`", "echo $(id)",
    };

    private static final String[] CONTROLS = {
        ":interrupt", ":interrupt 1", ":interrupt 2", ":interrupt 0", ":interrupt -1", ":interrupt x",
        ":interrupt 99999999999999999999999", ":interrupt 1 2", ":ping", ":ping hello there", ":quit",
        ":", "::", ":LOGIN fuzz x", ":frobnicate", ":login", ":login fuzz", ":login  fuzz x",
        ":login fuzz wrong password", ":login nobody secret", ":complete", ":complete ", ":complete ec",
        ":complete ls /e", ":complete cat /etc/host", ":complete cd ../", ":complete 'unterminated",
        ":complete ~/", ":complete $HOME/", ":complete *",
    };

    private static final byte[][] BAD_UTF8 = {
        {(byte) 0xC3}, {(byte) 0xC3, 0x28}, {(byte) 0xA0, (byte) 0xA1}, {(byte) 0xE2, 0x28, (byte) 0xA1},
        {(byte) 0xF0, 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0xFE},
        {(byte) 0xC0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    };

    /** Characters that mean something to the parser or the codec, and some that mean nothing. */
    private static final String PALETTE = "abcXYZ019 \t'\"\\$*?[]{}~#|;&<>=/.-_\u0000\r\u0001\u001b\u007f"
            + "\u00e9\u6f22\ud83d\ude00\ufffd\u2028\u00a0";

    private final Random random;
    private final String user;
    private final String password;
    private final int maxLine;

    /**
     * @param random   the connection's own generator
     * @param user     the account the fuzz logs in as (a viewer)
     * @param password its password
     * @param maxLine  the server's {@code max-line}: long tokens are made around it
     */
    FuzzInput(Random random, String user, String password, int maxLine) {
        this.random = random;
        this.user = user;
        this.password = password;
        this.maxLine = maxLine;
    }

    /** The bytes of one connection: a login most of the time, then 1 to 12 random pieces. */
    byte[] script() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (random.nextInt(10) < 6) {
            line(out, ":login " + user + " " + password);
        }
        int pieces = 1 + random.nextInt(12);
        for (int i = 0; i < pieces; i++) {
            piece(out);
        }
        return out.toByteArray();
    }

    private void piece(ByteArrayOutputStream out) {
        int kind = random.nextInt(100);
        if (kind < 30) {
            line(out, pick(COMMANDS));
        } else if (kind < 40) {
            line(out, pick(BAD_COMMANDS));
        } else if (kind < 55) {
            line(out, pick(CONTROLS));
        } else if (kind < 62) {
            line(out, pick(new String[] {"echo", "ls", "cat", "cd", ":complete", ":ping", "export A="})
                    + " " + token(1 + random.nextInt(40)));
        } else if (kind < 68) {
            line(out, token(1 + random.nextInt(60)));
        } else if (kind < 72) {
            // Around max-line: one byte short of it, at it, just past it, and far past it.
            int length = random.nextBoolean() ? maxLine - 2 + random.nextInt(5) : maxLine * (1 + random.nextInt(3));
            line(out, "echo " + "x".repeat(Math.max(0, length - 5)));
        } else if (kind < 78) {
            out.writeBytes("echo ".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
            ending(out);
        } else if (kind < 84) {
            byte[] noise = new byte[1 + random.nextInt(64)];
            random.nextBytes(noise);
            out.writeBytes(noise);
        } else if (kind < 88) {
            line(out, random.nextBoolean() ? "" : random.nextBoolean() ? " \t " : "# a comment " + token(8));
        } else if (kind < 92) {
            out.writeBytes(("echo a\u0000b").getBytes(StandardCharsets.UTF_8));
            ending(out);
        } else if (kind < 96) {
            out.writeBytes(("echo one\recho two").getBytes(StandardCharsets.UTF_8)); // CR without LF
            ending(out);
        } else {
            line(out, ":login " + user + " " + password); // again: "already logged in", in order
        }
    }

    private void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        ending(out);
    }

    /** Mostly LF; sometimes CRLF, a lone CR, two LFs, or nothing (the line runs on). */
    private void ending(ByteArrayOutputStream out) {
        int e = random.nextInt(100);
        if (e < 75) {
            out.write('\n');
        } else if (e < 87) {
            out.writeBytes(new byte[] {'\r', '\n'});
        } else if (e < 92) {
            out.write('\r');
        } else if (e < 96) {
            out.writeBytes(new byte[] {'\n', '\n'});
        }
    }

    private String token(int length) {
        StringBuilder b = new StringBuilder(length);
        while (b.length() < length) {
            int c = PALETTE.codePointAt(PALETTE.offsetByCodePoints(0, random.nextInt(
                    PALETTE.codePointCount(0, PALETTE.length()))));
            b.appendCodePoint(c);
        }
        return b.toString();
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
