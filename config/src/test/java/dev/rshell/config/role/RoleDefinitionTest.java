package dev.rshell.config.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.user.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleDefinitionTest {

    @Test
    void readPathsAreNormalizedAndKeepTildeSymbolic() {
        assertEquals(Optional.of(List.of("/srv/logs", "~", "~/notes", "/")),
                RoleDefinition.parseReadPaths(" /srv/app/../logs/ , ~ , ~/./notes, /"));
        assertEquals(Optional.of(List.of("~")), RoleDefinition.parseReadPaths("~/."));
        assertEquals(Optional.of(List.of("/a")), RoleDefinition.parseReadPaths("/a,/a/"));
        assertEquals(Optional.of(List.of()), RoleDefinition.parseReadPaths("none"));
    }

    @Test
    void badReadPathsAreRefused() {
        for (String t : List.of("", "logs", "/a,,/b", "/a,", "~bob", "~/..", "~/a/../..", "./x", "/a\u0001")) {
            assertEquals(Optional.empty(), RoleDefinition.parseReadPaths(t), t);
        }
    }

    @Test
    void tildeResolvesPerUser() {
        RoleDefinition d = Roles.VIEWER.withReadPaths(List.of("~", "~/shared", "/var/log"));
        assertEquals(List.of(Path.of("/home/alice"), Path.of("/home/alice/shared"), Path.of("/var/log")),
                d.readPaths(Path.of("/home/alice")));
        assertEquals(List.of(Path.of("/home/bob"), Path.of("/home/bob/shared"), Path.of("/var/log")),
                d.readPaths(Path.of("/home/bob")));
        assertEquals(List.of("~", "~/shared", "/var/log"), d.readPaths());
        assertThrows(IllegalArgumentException.class, () -> d.readPaths(Path.of("home")));
    }

    @Test
    void constructorRefusesBadNamesAndPaths() {
        assertThrows(IllegalArgumentException.class,
                () -> new RoleDefinition("Ops", BuiltinRule.ALL, ExecPolicy.OFF, List.of("/")));
        assertThrows(IllegalArgumentException.class,
                () -> new RoleDefinition("ops", BuiltinRule.ALL, ExecPolicy.OFF, List.of("relative")));
        assertThrows(IllegalArgumentException.class,
                () -> new RoleDefinition("ops", BuiltinRule.ALL, ExecPolicy.OFF, List.of("/a/../b")));
        assertThrows(IllegalArgumentException.class,
                () -> new RoleDefinition("ops", BuiltinRule.ALL, ExecPolicy.OFF, List.of("/a", "/a")));
        assertEquals(Role.of("ops"), new RoleDefinition("ops", BuiltinRule.ALL, ExecPolicy.OFF, List.of()).role());
    }

    @Test
    void builtInDefaults() {
        assertEquals(List.of("admin", "operator", "viewer"), List.copyOf(Roles.defaults().keySet()));
        assertEquals(BuiltinRule.ALL, Roles.ADMIN.builtins());
        assertEquals(ExecPolicy.ANY, Roles.ADMIN.exec());
        assertEquals(List.of("/"), Roles.ADMIN.readPaths());

        assertFalse(Roles.OPERATOR.builtins().allows("kick"));
        assertFalse(Roles.OPERATOR.builtins().allows("shutdown"));
        assertTrue(Roles.OPERATOR.builtins().allows("ls"));
        for (String p : Roles.OPERATOR_PROGRAMS) {
            assertTrue(Roles.OPERATOR.exec().allows(p), p);
        }
        assertTrue(Roles.OPERATOR.exec().allows("df"));
        org.junit.jupiter.api.Assertions.assertFalse(Roles.OPERATOR.exec().allows("sort"), "sort reads any file");
        assertFalse(Roles.OPERATOR.exec().allows("rm"));
        assertFalse(Roles.OPERATOR.exec().allows("sh"));
        assertEquals(List.of("/"), Roles.OPERATOR.readPaths());

        assertEquals(ExecPolicy.OFF, Roles.VIEWER.exec());
        for (String b : Roles.VIEWER_BUILTINS) {
            assertTrue(Roles.VIEWER.builtins().allows(b), b);
        }
        assertTrue(Roles.VIEWER.builtins().allows("passwd"));
        assertFalse(Roles.VIEWER.builtins().allows("kick"));
        assertFalse(Roles.VIEWER.builtins().allows("shutdown"));
        assertEquals(24, Roles.VIEWER_BUILTINS.size());
        assertEquals(7, Roles.OPERATOR_PROGRAMS.size());
        assertThrows(UnsupportedOperationException.class, () -> Roles.defaults().remove("admin"));
    }
}
