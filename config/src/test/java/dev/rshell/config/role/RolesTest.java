package dev.rshell.config.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import dev.rshell.config.user.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles as the loader reads them from {@code role.NAME.KEY} lines of the properties file. */
class RolesTest {

    @TempDir
    Path home;

    private Path file(String content) throws IOException {
        Path f = home.resolve("s.properties");
        Files.writeString(f, content);
        return f;
    }

    private ServerSettings load(Path file) {
        return new SettingsLoader(Map.of(), home, Long.MAX_VALUE).load(Optional.of(file), Map.of());
    }

    private List<String> problems(Path file) {
        return assertThrows(ConfigException.class, () -> load(file)).problems();
    }

    @Test
    void withoutRoleLinesTheBuiltInsApply() throws IOException {
        ServerSettings s = load(file("port = 7022\n"));
        assertEquals(Roles.defaults(), s.roles());
        assertEquals(Optional.of(Roles.OPERATOR), s.role(Role.OPERATOR));
        assertEquals(Optional.empty(), s.role(Role.of("auditor")));
        assertThrows(UnsupportedOperationException.class, () -> s.roles().remove("admin"));
    }

    @Test
    void overridingOperatorsExecKeepsItsOtherKeys() throws IOException {
        ServerSettings s = load(file("role.operator.exec = allow:ps,/opt/deploy/run\n"));
        RoleDefinition op = s.roles().get("operator");
        assertTrue(op.exec().allows("ps"));
        assertTrue(op.exec().allows("/opt/deploy/run"));
        assertFalse(op.exec().allows("df"), "the file's list replaces the default list");
        assertEquals(Roles.OPERATOR.builtins(), op.builtins());
        assertEquals(Roles.OPERATOR.readPaths(), op.readPaths());
        assertEquals(Roles.ADMIN, s.roles().get("admin"));
        assertEquals(Roles.VIEWER, s.roles().get("viewer"));
    }

    @Test
    void aNewRoleTakesMissingKeysFromViewer() throws IOException {
        ServerSettings s = load(file("# a role for the backup job\nrole.backup.exec = allow:/usr/bin/rsync\n"
                + "role.backup.read = /srv/data, ~\n"));
        RoleDefinition backup = s.roles().get("backup");
        assertEquals(new RoleDefinition("backup", Roles.VIEWER.builtins(),
                ExecPolicy.allow(List.of("/usr/bin/rsync")), List.of("/srv/data", "~")), backup);
        assertEquals(List.of("admin", "backup", "operator", "viewer"), List.copyOf(s.roles().keySet()));
    }

    @Test
    void aNewRoleWithEveryKey() throws IOException {
        ServerSettings s = load(file("role.auditor.builtins = all-except:passwd\nrole.auditor.exec = off\n"
                + "role.auditor.read = /var/log\n"));
        RoleDefinition a = s.roles().get("auditor");
        assertFalse(a.builtins().allows("passwd"));
        assertTrue(a.builtins().allows("kick"));
        assertEquals(ExecPolicy.OFF, a.exec());
        assertEquals(List.of("/var/log"), a.readPaths());
    }

    @Test
    void adminCanBeRestricted() throws IOException {
        ServerSettings s = load(file("role.admin.exec = off\n"));
        assertEquals(ExecPolicy.OFF, s.roles().get("admin").exec());
        assertEquals(BuiltinRule.ALL, s.roles().get("admin").builtins());
    }

    @Test
    void badValuesNameKeyValueFileAndLine() throws IOException {
        Path f = file("port = 7022\nrole.operator.exec = sometimes\nrole.ops.builtins = ls,,cat\n"
                + "role.viewer.read = logs\n");
        assertEquals(List.of(
                "role.operator.exec: \"sometimes\" from file " + f + ":2 is not allowed: off, any, or"
                        + " allow:PROG[,PROG...] where each PROG is a program name (no /) or an absolute path",
                "role.ops.builtins: \"ls,,cat\" from file " + f + ":3 is not allowed: all, none, built-in names"
                        + " separated by commas, or all-except:NAME[,NAME...] (a name is a lower-case letter, then"
                        + " a-z, 0-9 and -)",
                "role.viewer.read: \"logs\" from file " + f + ":4 is not allowed: absolute paths separated by"
                        + " commas (~ or ~/… for the user's home), or none"), problems(f));
    }

    @Test
    void badKeysNameFileAndLine() throws IOException {
        Path f = file("role.ops.run = ls\nrole.Ops.exec = off\nrole.ops = off\nrole.a.b.exec = off\n"
                + "role." + "x".repeat(33) + ".exec = off\n");
        assertEquals(List.of(
                "file " + f + ":1: \"role.ops.run\" is not a role key: a role has role.ops.builtins,"
                        + " role.ops.exec and role.ops.read",
                "file " + f + ":2: \"role.Ops.exec\": role name \"Ops\" is not allowed: a lower-case letter,"
                        + " then up to 31 of a-z, 0-9, _ and -",
                "file " + f + ":3: \"role.ops\" is not a role key: expected role.NAME.builtins, role.NAME.exec"
                        + " or role.NAME.read",
                "file " + f + ":4: \"role.a.b.exec\" is not a role key: expected role.NAME.builtins,"
                        + " role.NAME.exec or role.NAME.read",
                "file " + f + ":5: \"role." + "x".repeat(33) + ".exec\": role name \"" + "x".repeat(33)
                        + "\" is not allowed: a lower-case letter, then up to 31 of a-z, 0-9, _ and -"),
                problems(f));
    }

    @Test
    void roleProblemsComeWithSettingProblems() throws IOException {
        Path f = file("port = x\nrole.ops.exec = maybe\n");
        List<String> p = problems(f);
        assertEquals(2, p.size(), String.join("\n", p));
        assertTrue(p.get(0).startsWith("port: \"x\" from file"), p.get(0));
        assertTrue(p.get(1).startsWith("role.ops.exec: \"maybe\" from file " + f + ":2"), p.get(1));
    }

    @Test
    void rolesCantComeFromVariablesOrFlags() {
        SettingsLoader loader = new SettingsLoader(Map.of("RSHELL_SERVER_ROLE_OPS_EXEC", "any"), home,
                Long.MAX_VALUE);
        assertEquals(List.of("variable RSHELL_SERVER_ROLE_OPS_EXEC is not a setting (roles are defined only in the"
                        + " properties file, as role.NAME.KEY)"),
                assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), Map.of())).problems());
        SettingsLoader plain = new SettingsLoader(Map.of(), home, Long.MAX_VALUE);
        assertEquals(List.of("flag --role.ops.exec is not a setting (roles are defined only in the properties"
                        + " file, as role.NAME.KEY)"),
                assertThrows(ConfigException.class,
                        () -> plain.load(Optional.empty(), Map.of("role.ops.exec", "any"))).problems());
    }

    @Test
    void asRolesListsEveryConfiguredRole() throws IOException {
        ServerSettings s = load(file("role.backup.exec = off\n"));
        assertEquals(Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER, Role.of("backup")), Roles.asRoles(s.roles()));
    }
}
