package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void definitionsAreUniqueAndComplete() {
        List<Setting<?>> defs = Settings.definitions();
        Set<String> names = new HashSet<>();
        for (Setting<?> s : defs) {
            assertTrue(names.add(s.name()), "duplicate " + s.name());
            assertFalse(s.description().isBlank(), s.name());
            assertFalse(s.allowed().isBlank(), s.name());
        }
        // One ServerSettings component per definition, plus configFile and roles.
        assertEquals(defs.size() + 2, ServerSettings.class.getRecordComponents().length);
    }

    @Test
    void envVarAndFlagFollowTheName() {
        assertEquals("RSHELL_SERVER_MAX_LINE", Settings.MAX_LINE.envVar());
        assertEquals("--max-line", Settings.MAX_LINE.flag());
        assertEquals("RSHELL_SERVER_ARGON2_MEMORY", Settings.ARGON2_MEMORY.envVar());
        assertEquals("~/.local/share/rshell-server", Settings.DATA_DIR.defaultText());
        assertEquals("RSHELL_SERVER_TLS_KEYSTORE_PASSWORD", Settings.TLS_KEYSTORE_PASSWORD.envVar());
    }

    @Test
    void onlyTheKeystorePasswordIsSecret() {
        assertEquals(List.of("tls-keystore-password"),
                Settings.definitions().stream().filter(Setting::secret).map(Setting::name).toList());
        assertFalse(new Setting<>("x", ValueTypes.integer(1, 2), "1", "d").secret());
    }

    @Test
    void defaultsExpandAgainstTheGivenHome() {
        assertEquals(Path.of("/home/u/.local/share/rshell-server"),
                Settings.DATA_DIR.defaultValue(new ParseContext(Path.of("/home/u"))));
    }

    @Test
    void findAndSuggest() {
        assertEquals(Optional.of(Settings.PORT), Settings.find("port"));
        assertEquals(Optional.empty(), Settings.find("PORT"));
        assertEquals(Optional.of("max-line"), Settings.suggest("max-lines"));
        assertEquals(Optional.of("kill-grace"), Settings.suggest("kil-grace"));
        assertEquals(Optional.empty(), Settings.suggest("completely-different"));
    }

    @Test
    void definitionRefusesBadNameOrDefault() {
        assertThrows(IllegalArgumentException.class,
                () -> new Setting<>("Max_Line", ValueTypes.integer(1, 2), "1", "d"));
        assertThrows(IllegalArgumentException.class,
                () -> new Setting<>("max-line", ValueTypes.integer(1, 2), "3", "d"));
    }

    @Test
    void markdownTableMentionsEverySetting() {
        String table = Settings.markdownTable();
        for (Setting<?> s : Settings.definitions()) {
            if (s.secret()) {
                continue; // below
            }
            assertTrue(table.contains("| `" + s.name() + "` | `" + s.flag() + "` | `" + s.envVar() + "` | `"
                    + s.defaultText() + "` |"),
                    s.name());
        }
        // A secret is offered as a variable only, and its empty default reads as such.
        assertTrue(table.contains("| `tls-keystore-password` | - | `RSHELL_SERVER_TLS_KEYSTORE_PASSWORD` | (empty) |"),
                table);
        assertEquals(Settings.definitions().size() + 2, table.lines().count());
    }

    @Test
    void configExceptionNeedsAProblemAndJoinsThem() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigException(List.of()));
        ConfigException e = new ConfigException(List.of("a", "b"));
        assertEquals("a\nb", e.getMessage());
        assertEquals(List.of("a", "b"), e.problems());
    }
}
