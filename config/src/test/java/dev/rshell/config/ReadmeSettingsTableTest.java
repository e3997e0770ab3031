package dev.rshell.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
