package dev.rshell.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a value parser may need besides the text: today only the home directory, for
 * expanding {@code ~}. A record so that later settings (say, paths relative to the data
 * directory) can add a component without changing every parser.
 *
 * @param home the home directory that {@code ~} stands for; absolute
 */
public record ParseContext(Path home) {
    public ParseContext {
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home must be absolute: " + home);
        }
    }
}
