package dev.rshell.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.command.Resolution;
import dev.rshell.server.command.builtin.Builtins;
import dev.rshell.server.exec.OsCommandRunner;
import dev.rshell.server.exec.ProcessJournal;
import dev.rshell.server.exec.ProcessTracker;
import dev.rshell.server.exec.ProgramCommand;
import dev.rshell.server.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place that decides what a command line runs: built-in, program, 127 or 126. */
class CommandResolverTest {

    @TempDir
    Path dir;

    private CommandResolver resolver(String role, boolean exec) throws Exception {
        Path config = Files.writeString(dir.resolve("server.properties"),
                "role.lister.builtins = ls,echo\nrole.lister.exec = off\n");
        ServerSettings settings = new SettingsLoader(Map.of(), dir, Long.MAX_VALUE)
                .load(Optional.of(config), Map.of("data-dir", dir.resolve("data").toString()));
        CommandRegistry builtins = new CommandRegistry();
        Builtins.registerAll(builtins);
        SessionState state = new SessionState(Map.of("PATH", "/usr/bin:/bin"), dir);
        OsCommandRunner runner = new OsCommandRunner(Duration.ofSeconds(1), ProcessJournal.disabled(),
                Runnable::run);
        return new CommandResolver(builtins.freeze(), exec, Policies.of(settings).forUser(role, dir), state,
                runner, new ProcessTracker());
    }

    @Test
    void aBuiltinWinsOverAProgramOfTheSameName() throws Exception {
        Resolution r = resolver("admin", true).resolve(List.of("echo", "hi"));
        Resolution.Builtin builtin = assertInstanceOf(Resolution.Builtin.class, r);
        assertEquals("echo", builtin.command().name());
        assertEquals(List.of("hi"), builtin.args());
    }

    @Test
    void aProgramIsFoundOnThePath() throws Exception {
        Resolution r = resolver("admin", true).resolve(List.of("true", "x"));
        Resolution.Program program = assertInstanceOf(Resolution.Program.class, r);
        assertEquals(List.of("x"), program.args());
        assertEquals("true", ((ProgramCommand) program.command()).program().getFileName().toString());
    }

    @Test
    void anUnknownWordIsNotFound() throws Exception {
        CommandResolver resolver = resolver("admin", true);
        Resolution.NotFound r = assertInstanceOf(Resolution.NotFound.class,
                resolver.resolve(List.of("no-such-command-rshell")));
        assertEquals("rshell: no-such-command-rshell: command not found", r.message());
        assertInstanceOf(Resolution.NotFound.class, resolver.resolve(List.of("./missing")));
    }

    @Test
    void aFileThatIsNotExecutableOrADirectoryIsDeniedByTheOs() throws Exception {
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        CommandResolver resolver = resolver("admin", true);
        Resolution.Denied denied = assertInstanceOf(Resolution.Denied.class, resolver.resolve(List.of("./script")));
        assertEquals("rshell: ./script: Permission denied", denied.message());
        assertNull(denied.policyReason(), "not a policy decision: not audited as one");
        denied = assertInstanceOf(Resolution.Denied.class, resolver.resolve(List.of("./")));
        assertEquals("rshell: ./: Is a directory", denied.message());
    }

    @Test
    void theRolesPolicyDeniesBuiltinsAndProgramsAndSaysWhy() throws Exception {
        CommandResolver resolver = resolver("lister", true);
        Resolution.Denied builtin = assertInstanceOf(Resolution.Denied.class, resolver.resolve(List.of("pwd")));
        assertEquals("role lister may not run the built-in pwd", builtin.policyReason());
        assertEquals("rshell: pwd: permission denied: role lister may not run the built-in pwd", builtin.message());
        Resolution.Denied program = assertInstanceOf(Resolution.Denied.class, resolver.resolve(List.of("true")));
        assertEquals("role lister may not run OS commands", program.policyReason());
    }

    @Test
    void execOffDeniesEveryProgramWithoutAuditingAPolicyDecision() throws Exception {
        Resolution.Denied denied = assertInstanceOf(Resolution.Denied.class,
                resolver("admin", false).resolve(List.of("true")));
        assertEquals("rshell: true: OS commands are not allowed on this server (exec is off)", denied.message());
        assertNull(denied.policyReason());
    }

    @Test
    void commandNameSkipsBuiltins() throws Exception {
        assertInstanceOf(Resolution.Program.class, resolver("admin", true).resolveProgram(List.of("echo", "hi")));
    }
}
