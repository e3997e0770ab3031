package dev.rshell.config;

import dev.rshell.config.source.Origin;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The definition of one server setting: its name, type, default and description. The same
 * definition serves the properties file ({@code name = value}), the environment
 * ({@link #envVar()}), the command line ({@link #flag()}) and the documentation, so a
 * setting is described in exactly one place ({@link Settings}).
 *
 * @param name        kebab-case name, e.g. {@code max-line}
 * @param type        parser and statement of allowed values
 * @param defaultText the default, written as a user would write it; must parse
 * @param description one sentence for {@code --help} and the README
 * @param secret      whether the value is a secret (a password): the loader never shows its
 *                    text in a message and refuses it as a flag, since every local user can
 *                    read a command line ({@code ps}); it comes from the file or a variable
 * @param <T>         the type of the parsed value
 */
public record Setting<T>(String name, ValueType<T> type, String defaultText, String description,
                         boolean secret) {

    private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    /** Only for checking that a default parses; a real home is given at load time. */
    private static final ParseContext PLACEHOLDER = new ParseContext(Path.of("/").toAbsolutePath());

    /** @throws IllegalArgumentException for a malformed name or a default that doesn't parse */
    public Setting {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!KEBAB.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("setting name must be kebab-case: " + name);
        }
        // A default that doesn't parse is a programming error; catch it at class load, not
        // on some user's machine.
        if (type.parse(Objects.requireNonNull(defaultText, "defaultText"), PLACEHOLDER).isEmpty()) {
            throw new IllegalArgumentException("default of " + name + " does not parse: " + defaultText);
        }
    }

    /** A setting that is not a secret. */
    public Setting(String name, ValueType<T> type, String defaultText, String description) {
        this(name, type, defaultText, description, false);
    }

    /** A {@link #secret()} setting. */
    public static <T> Setting<T> ofSecret(String name, ValueType<T> type, String defaultText,
                                          String description) {
        return new Setting<>(name, type, defaultText, description, true);
    }

    /** The environment variable for this setting, e.g. {@code RSHELL_SERVER_MAX_LINE}. */
    public String envVar() {
        return Origin.envVarFor(name);
    }

    /**
     * The command-line flag for this setting, e.g. {@code --max-line}. A {@link #secret()}
     * setting has none that works: the loader refuses its flag. Command lines that offer
     * every setting as a flag should leave secrets out.
     */
    public String flag() {
        return "--" + name;
    }

    /** What values are allowed, in words. */
    public String allowed() {
        return type.allowed();
    }

    /** Parses {@code raw}; empty when it is not allowed. */
    public Optional<T> parse(String raw, ParseContext context) {
        return type.parse(raw, context);
    }

    /** The default value, with {@code ~} expanded against {@code context}. */
    public T defaultValue(ParseContext context) {
        return type.parse(defaultText, context).orElseThrow();
    }
}
