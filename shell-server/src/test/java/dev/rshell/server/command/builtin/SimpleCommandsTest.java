package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** echo, pwd, whoami, hostname, date. */
class SimpleCommandsTest {

    @TempDir
    Path home;

    @Test
    void echoJoinsWordsWithSingleSpaces() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo", "hello,", "alice", "", "x"));
        assertEquals(List.of("hello, alice  x"), context.out);
    }

    @Test
    void echoOptionsAreLeadingWordsOfNeEOnly() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo", "-n", "--", "-e", "a\\tb"));
        assertEquals(List.of("-- -e a\\tb"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-x", "-n", "a"));
        assertEquals(List.of("-x -n a"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-", "-nE"));
        assertEquals(List.of("- -nE"), context.out);
    }

    @Test
    void echoDashNPrintsNoLineForNothingAndNoExtraNewline() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo", "-n"));
        assertEquals(List.of(), context.out);
        assertEquals(0, context.run("echo", "-n", "a", "b"));
        assertEquals(List.of("a b"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-ne", "x\\n"));
        assertEquals(List.of("x"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-e", "x\\n"));
        assertEquals(List.of("x", ""), context.out);
    }

    @Test
    void echoDashEInterpretsEscapesAndDashEUpperTurnsThemOff() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo", "-e", "a\\tb\\nc", "\\\\ \\x41\\0102\\x \\q"));
        assertEquals(List.of("a\tb", "c \\ AB\\x \\q"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-e", "-E", "a\\tb"));
        assertEquals(List.of("a\\tb"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-e", "one\\ctwo", "three"));
        assertEquals(List.of("one"), context.out);
        context.out.clear();
        assertEquals(0, context.run("echo", "-e", "\\c"));
        assertEquals(List.of(), context.out);
    }

    @Test
    void echoWithoutWordsPrintsAnEmptyLine() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo"));
        assertEquals(List.of(""), context.out);
    }

    @Test
    void echoSplitsAWordWithLineBreaksIntoLines() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("echo", "a\nb"));
        assertEquals(List.of("a", "b"), context.out);
    }

    @Test
    void pwdPrintsTheWorkingDirectory() throws Exception {
        FakeContext context = new FakeContext(home);
        Path sub = Files.createDirectory(home.resolve("sub"));
        context.cwd = sub.toAbsolutePath();
        assertEquals(0, context.run("pwd"));
        assertEquals(List.of(sub.toAbsolutePath().toString()), context.out);
    }

    @Test
    void pwdTakesNoArguments() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("pwd", "x"));
        assertEquals(List.of("pwd: too many arguments", "usage: pwd"), context.err);
        assertEquals(2, context.run("pwd", "-P"));
        assertEquals(List.of(), context.out);
    }

    @Test
    void whoamiAndHostname() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("whoami"));
        assertEquals(0, context.run("hostname"));
        assertEquals(List.of("alice", "test-host"), context.out);
        assertEquals(2, context.run("whoami", "x"));
        assertEquals(2, context.run("hostname", "-f"));
        assertEquals(List.of("whoami: too many arguments", "usage: whoami",
                "hostname: invalid option -- 'f'; the built-in hostname takes no options"
                        + "; the OS program hostname is not available: OS programs can't be run here"),
                context.err);
    }

    @Test
    void datePrintsIsoWithTheServersOffset() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T08:31:22.789Z"), ZoneId.of("+02:00"));
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new DateCommand(clock)));
        assertEquals(0, context.run(new DateCommand(clock), "-u"));
        assertEquals(List.of("2026-11-25T10:31:22+02:00", "2026-11-25T08:31:22+00:00"),
                context.out);
    }

    @Test
    void dateInUtcZoneWritesPlusZeroNotZ() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:31:22Z"), ZoneOffset.UTC);
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run(new DateCommand(clock)));
        assertEquals(List.of("2026-11-25T10:31:22+00:00"), context.out);
    }

    @Test
    void dateRejectsFormatsAndUnknownOptions() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("date", "+%s"));
        assertEquals(2, context.run("date", "-R"));
        assertEquals(List.of("date: too many arguments", "usage: date [-u]",
                "date: invalid option -- 'R'; the built-in date has -u"
                        + "; the OS program date is not available: OS programs can't be run here"),
                context.err);
        assertEquals(List.of(), context.out);
    }
}
