package dev.rshell.config.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns environment variables and command-line flags into raw values. Neither checks that
 * a name is a known setting: that happens in one place, the loader, for every source alike.
 */
public final class CommandSources {

    /**
     * The variable that names the properties file, like {@code --config}; it is not a setting
     * and is therefore left out of {@link #fromEnvironment}.
     */
    public static final String CONFIG_VARIABLE = Origin.ENV_PREFIX + "CONFIG";

    /** The launcher's JVM options ({@code bin/rshell-server}); not a setting, so left out too. */
    public static final String JAVA_OPTS_VARIABLE = Origin.ENV_PREFIX + "JAVA_OPTS";

    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z0-9_]+");

    private CommandSources() {
    }

    /**
     * The {@code RSHELL_SERVER_*} variables of {@code env} (other than
     * {@link #CONFIG_VARIABLE} and {@link #JAVA_OPTS_VARIABLE}), sorted by variable name so problems come in a stable order.
     * {@code RSHELL_SERVER_MAX_LINE} becomes setting {@code max-line}. A variable whose
     * suffix is not upper-snake-case keeps its whole name as the setting name, which can't
     * match a (kebab-case) setting, so it is reported as unknown rather than half-accepted.
     */
    public static List<RawValue> fromEnvironment(Map<String, String> env) {
        List<RawValue> values = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String variable = e.getKey();
            if (!variable.startsWith(Origin.ENV_PREFIX) || variable.equals(CONFIG_VARIABLE)
                    || variable.equals(JAVA_OPTS_VARIABLE)) {
                continue;
            }
            String suffix = variable.substring(Origin.ENV_PREFIX.length());
            String name = UPPER_SNAKE.matcher(suffix).matches()
                    ? suffix.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                    : variable;
            values.add(new RawValue(name, e.getValue(), new Origin.Variable(variable)));
        }
        return values;
    }

    /**
     * Flags as the command-line layer split them: setting name to raw value, in the map's
     * iteration order. A leading {@code --} on a name is tolerated.
     */
    public static List<RawValue> fromFlags(Map<String, String> flags) {
        List<RawValue> values = new ArrayList<>();
        for (Map.Entry<String, String> e : flags.entrySet()) {
            String name = e.getKey().startsWith("--") ? e.getKey().substring(2) : e.getKey();
            values.add(new RawValue(name, e.getValue(), new Origin.Flag("--" + name)));
        }
        return values;
    }
}
