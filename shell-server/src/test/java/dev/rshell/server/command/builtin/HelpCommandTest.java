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
        assertEquals(28 + 2 + 1, context.out.size());
        assertEquals(HelpCommand.NO_TERMINAL_NOTE, context.out.remove(30));
        // "hostname" and "shutdown" are the longest names (8), so descriptions start at column 10.
        assertEquals("cat       print files or standard input (-n: number the lines)", context.out.get(0));
        assertEquals("whoami    print your user name", context.out.get(27));
        List<String> builtins = context.out.subList(0, 28);
        for (String line : builtins) {
            assertEquals(' ', line.charAt(8), line);
            assertEquals(' ', line.charAt(9), line);
            assertTrue(line.charAt(10) != ' ', line);
        }
        List<String> names = builtins.stream().map(l -> l.split(" ")[0]).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(List.of(), context.err);
    }

    @Test
    void listsOnlyTheCommandsTheSessionMayRun() throws Exception {
        FakeContext context = new FakeContext(home);
        context.registry = new CommandRegistry().register(new PwdCommand())
                .register(new EchoCommand()).freeze();
        assertEquals(0, context.run(new HelpCommand()));
        assertEquals(List.of("echo  print the words, separated by spaces (-n: no final newline, -e: escapes)",
                "pwd   print the working directory", "",
                "OS programs: none (role operator may not run OS commands)",
                HelpCommand.NO_TERMINAL_NOTE), context.out);
    }

    @Test
    void listsTheRolesProgramsInASectionOfTheirOwnWithTheirPaths() throws Exception {
        FakeContext context = new FakeContext(home);
        context.registry = new CommandRegistry().register(new PwdCommand()).freeze();
        context.programs = FakeContext.listed(new java.util.TreeMap<>(java.util.Map.of(
                "df", Path.of("/usr/bin/df"), "uname", Path.of("/bin/uname"))));
        assertEquals(0, context.run(new HelpCommand()));
        assertEquals(List.of("pwd  print the working directory", "",
                "OS programs role operator may run:",
                "df     /usr/bin/df",
                "uname  /bin/uname", HelpCommand.NO_TERMINAL_NOTE), context.out);
    }

    @Test
    void helpOnAnAllowedProgramSaysSoAndWhereItIs() throws Exception {
        FakeContext context = new FakeContext(home);
        context.programs = FakeContext.listed(java.util.Map.of("df", Path.of("/usr/bin/df"),
                "ls", Path.of("/usr/bin/ls")));
        assertEquals(0, context.run("help", "df"));
        assertEquals(List.of("df: an OS program role operator may run: /usr/bin/df"), context.out);
        context.out.clear();
        assertEquals(0, context.run("help", "ls"));
        assertEquals("the OS program ls (/usr/bin/ls) runs with: command ls ARGS...", context.out.get(2));
        context.out.clear();
        assertEquals(1, context.run("help", "ping"));
        assertEquals(List.of("help: no such command: ping (role operator may not run ping:"
                + " it is not on the role's list of programs)"), context.err);
    }

    @Test
    void showsOneCommandsUsage() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(0, context.run("help", "ls"));
        assertEquals(List.of("usage: ls [-laAhtrSd1R] [PATH...]",
                "list directory contents (-l details, -a/-A dotfiles, -t/-S sort, -r reverse, -R recurse)"),
                context.out);
    }

    @Test
    void unknownCommandIsStatusOne() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(1, context.run("help", "nope"));
        assertEquals(List.of("help: no such command: nope (OS programs can't be run here)"), context.err);
        assertEquals(List.of(), context.out);
    }

    @Test
    void twoArgumentsAreAUsageError() throws Exception {
        FakeContext context = new FakeContext(home);
        assertEquals(2, context.run("help", "ls", "cat"));
        assertEquals(List.of("help: too many arguments", "usage: help [NAME]"), context.err);
    }
}
