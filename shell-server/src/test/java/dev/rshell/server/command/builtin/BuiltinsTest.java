package dev.rshell.server.command.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandRegistry;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinsTest {

    private static CommandRegistry registry() {
        CommandRegistry registry = new CommandRegistry();
        Builtins.registerAll(registry);
        return registry;
    }

    @Test
    void registersEveryBuiltinOnce() {
        List<String> names = registry().all().stream().map(Command::name).toList();
        assertEquals(List.of("cat", "cd", "command", "date", "echo", "env", "exit", "export", "head", "help",
                "hostname", "jobs", "kick", "kill", "ls", "passwd", "pwd", "shutdown", "sleep", "stats",
                "sysinfo", "tail", "unset", "uptime", "wait", "wall", "who", "whoami"),
                names);
    }

    @Test
    void onlyCdExportUnsetAndExitChangeTheSession() {
        Set<String> changing = registry().all().stream().filter(Command::changesSession)
                .map(Command::name).collect(Collectors.toSet());
        assertEquals(Set.of("cd", "export", "unset", "exit"), changing);
    }

    @Test
    void onlyTheCommandsThatFinishAtOnceSayTheyNeverBlock() {
        Set<String> quick = registry().all().stream().filter(c -> !c.mayBlock())
                .map(Command::name).collect(Collectors.toSet());
        assertEquals(Set.of("echo", "pwd", "env", "export", "unset", "whoami", "hostname",
                "date", "help", "exit", "cd", "jobs", "kill", "who", "wall", "kick", "shutdown",
                "stats"), quick);
    }

    @Test
    void everySynopsisStartsWithItsNameAndEveryDescriptionIsOneLine() {
        for (Command command : registry().all()) {
            assertTrue(command.synopsis().equals(command.name())
                    || command.synopsis().startsWith(command.name() + " "), command.synopsis());
            assertFalse(command.description().isBlank(), command.name());
            assertFalse(command.description().contains("\n"), command.name());
        }
    }

    @Test
    void registeringTwiceFailsLoudly() {
        CommandRegistry registry = registry();
        assertThrows(IllegalStateException.class, () -> Builtins.registerAll(registry));
    }
}
