package dev.rshell.config.source;

import java.util.Objects;

/**
 * One setting as a source gave it: the setting's name (kebab-case, possibly unknown), the
 * value exactly as written (only trimmed where the source format says so), and its origin.
 * Nothing here is validated yet; the loader turns raw values into typed settings.
 *
 * @param name   the setting name as the source spelled it, converted to kebab-case
 * @param value  the raw text of the value
 * @param origin where it came from
 */
public record RawValue(String name, String value, Origin origin) {
    public RawValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** Like a record's, but hides the value of a name that mentions a password. */
    @Override
    public String toString() {
        return "RawValue[name=" + name + ", value="
                + (PropertiesFile.mayHoldSecret(name) ? "***" : value) + ", origin=" + origin + "]";
    }
}
