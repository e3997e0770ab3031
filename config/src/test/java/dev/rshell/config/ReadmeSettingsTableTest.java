package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.role.BuiltinRule;
import dev.rshell.config.role.ExecPolicy;
import dev.rshell.config.role.Roles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's settings table is the one {@link Settings} renders: docs can't drift from code. */
class ReadmeSettingsTableTest {

    @Test
    void readmeHoldsTheCurrentSettingsTable() throws Exception {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        String text = Files.readString(readme);
        assertTrue(text.contains(Settings.markdownTable()),
                "README.md's settings table is out of date; paste Settings.markdownTable() into it");
    }

    @Test
    void readmeRolesTableHoldsTheBuiltInDefaults() throws Exception {
        Path readme = Path.of("").toAbsolutePath().getParent().resolve("README.md");
        String text = Files.readString(readme);
        String table = "| role | builtins | exec | read |\n|---|---|---|---|\n"
                + "| `admin` | all | any | `/` |\n"
                + "| `operator` | all-except:" + String.join(",", Roles.OPERATOR_DENIED_BUILTINS)
                + " | allow:" + String.join(",", Roles.OPERATOR_PROGRAMS) + " | `/` |\n"
                + "| `viewer` | " + String.join(",", Roles.VIEWER_BUILTINS) + " | off | `/` |\n";
        assertTrue(text.contains(table), "README.md's roles table is out of date; it should read:\n" + table);
        // and the constants are what the defaults use
        assertEquals(Roles.ADMIN.exec(), ExecPolicy.ANY);
        assertEquals(Roles.OPERATOR.exec(), ExecPolicy.allow(Roles.OPERATOR_PROGRAMS));
        assertEquals(Roles.VIEWER.builtins(), BuiltinRule.only(Roles.VIEWER_BUILTINS));
        assertEquals(Roles.OPERATOR.builtins(),
                BuiltinRule.allExcept(Roles.OPERATOR_DENIED_BUILTINS));
    }
}
