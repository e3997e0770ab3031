package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** data-dir's default follows $XDG_DATA_HOME, then $HOME, then Java's user.home. */
class DataDirDefaultTest {

    @TempDir
    Path dir;

    private static ServerSettings load(Map<String, String> env, Path userHome) {
        return new SettingsLoader(env, SettingsLoader.homeOf(env, userHome), Long.MAX_VALUE)
                .load(Optional.empty(), Map.of());
    }

    @Test
    void xdgDataHomeComesFirst() {
        ServerSettings s = load(Map.of("XDG_DATA_HOME", "/xdg/data", "HOME", "/home/h"), Path.of("/passwd/home"));
        assertEquals(Path.of("/xdg/data/rshell-server"), s.dataDir());
    }

    @Test
    void thenHome() {
        ServerSettings s = load(Map.of("HOME", "/home/h"), Path.of("/passwd/home"));
        assertEquals(Path.of("/home/h/.local/share/rshell-server"), s.dataDir());
    }

    @Test
    void thenUserHome() {
        assertEquals(Path.of("/passwd/home/.local/share/rshell-server"), load(Map.of(), Path.of("/passwd/home"))
                .dataDir());
    }

    @Test
    void relativeOrEmptyValuesAreIgnored() {
        ServerSettings s = load(Map.of("XDG_DATA_HOME", "relative", "HOME", ""), Path.of("/passwd/home"));
        assertEquals(Path.of("/passwd/home/.local/share/rshell-server"), s.dataDir());
    }

    @Test
    void tildeInSettingsIsHome() {
        Map<String, String> env = Map.of("HOME", "/home/h");
        ServerSettings s = new SettingsLoader(env, SettingsLoader.homeOf(env, Path.of("/passwd/home")),
                Long.MAX_VALUE).load(Optional.empty(), Map.of("data-dir", "~/srv"));
        assertEquals(Path.of("/home/h/srv"), s.dataDir());
    }

    @Test
    void theImplicitConfigFileIsLookedForInTheXdgDataDir() throws Exception {
        Path data = Files.createDirectories(dir.resolve("rshell-server"));
        Files.writeString(data.resolve("server.properties"), "port = 7100\n");
        ServerSettings s = load(Map.of("XDG_DATA_HOME", dir.toString()), Path.of("/passwd/home"));
        assertEquals(7100, s.port());
        assertEquals(Optional.of(data.resolve("server.properties")), s.configFile());
    }
}
