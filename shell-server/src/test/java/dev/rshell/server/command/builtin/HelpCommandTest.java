package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.server.command.CommandRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpCommandTest {

    @TempDir
    Path home;

    @Test
    void listsEveryCommandSortedAndAligned() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("help"));
        assertEquals(28, context.out.size());
        assertEquals(HelpCommand.NO_TERMINAL_NOTE, context.out.remove(27));
        // "hostname" and "shutdown" are the longest names (8), so descriptions start at column 10.
        assertEquals("cat       print files", context.out.get(0));
        assertEquals("whoami    print your user name", context.out.get(26));
        for (String line : context.out) {
            assertEquals(' ', line.charAt(8), line);
            assertEquals(' ', line.charAt(9), line);
            assertTrue(line.charAt(10) != ' ', line);
        }
        List<String> names = context.out.stream().map(l -> l.split(" ")[0]).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(List.of(), context.err);
    }

    @Test
    void listsOnlyTheCommandsTheSessionMayRun() throws Exception {
        FakeContext context = new FakeContext(home);
        context.registry = new CommandRegistry().register(new PwdCommand())
                .register(new EchoCommand()).freeze();
        assertEquals(0, context.run(new HelpCommand()));
        assertEquals(List.of("echo  print the words, separated by spaces",
                "pwd   print the working directory", HelpCommand.NO_TERMINAL_NOTE), context.out);
    }

    @Test
    void showsOneCommandsUsage() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("help", "ls"));
        assertEquals(List.of("usage: ls [-l] [-a] [PATH...]",
                "list directory contents (-l: details, -a: dotfiles)"), context.out);
    }

    @Test
    void unknownCommandIsStatusOne() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("help", "nope"));
        assertEquals(List.of("help: no such command: nope"), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void twoArgumentsAreAUsageError() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("help", "ls", "cat"));
        assertEquals(List.of("help: too many arguments", "usage: help [CMD]"), context.err);
    }
}
