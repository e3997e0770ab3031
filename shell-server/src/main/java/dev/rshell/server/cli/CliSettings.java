package dev.rshell.server.cli;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import dev.rshell.config.Setting;
import dev.rshell.config.Settings;
import dev.rshell.config.SettingsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Loads the settings of whichever {@code rshell-server} command runs, from the options given at
 * every level of its command line: {@code rshell-server --data-dir D user add alice} and
 * {@code rshell-server user add alice --data-dir D} mean the same. An option given at two
 * levels with two different values is an error, never silently dropped.
 *
 * <p>Options read: every setting flag, {@code --config} and {@code --no-tls}, wherever a level
 * declares them (the top level declares all; the {@code user} subcommands and
 * {@code fingerprint} declare {@code --data-dir} and {@code --config}).
 */
final class CliSettings {

    static final String CONFIG = "--config";
    static final String NO_TLS = "--no-tls";

    private CliSettings() {
    }

    /** The settings of the command {@code spec} with the options of it and of its parents. */
    static ServerSettings load(CommandSpec spec, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        Map<String, String> givenAt = new LinkedHashMap<>();
        Optional<Path> config = Optional.empty();
        boolean noTls = false;
        for (CommandSpec level : chain(spec)) {
            ParseResult parsed = level.commandLine().getParseResult();
            if (parsed == null) {
                continue;
            }
            for (Setting<?> setting : Settings.definitions()) {
                if (!setting.secret() && parsed.hasMatchedOption(setting.flag())) {
                    String value = raw(parsed, setting.flag());
                    put(flags, givenAt, setting.name(), setting.flag(), value, level);
                }
            }
            if (parsed.hasMatchedOption(CONFIG)) {
                Path file = Path.of(raw(parsed, CONFIG));
                if (config.isPresent() && !config.get().equals(file)) {
                    throw twice(CONFIG, givenAt.get(CONFIG), config.get().toString(), level, file.toString());
                }
                config = Optional.of(file);
                givenAt.putIfAbsent(CONFIG, level.qualifiedName());
            }
            noTls |= parsed.hasMatchedOption(NO_TLS);
        }
        if (noTls) {
            String tls = flags.get(Settings.TLS.name());
            if (tls != null && !tls.equals("off")) {
                throw new ConfigException(NO_TLS + " and " + Settings.TLS.flag() + " " + tls
                        + " contradict each other");
            }
            flags.put(Settings.TLS.name(), "off");
        }
        return new SettingsLoader(env, home(env), Runtime.getRuntime().maxMemory()).load(config, flags);
    }

    /**
     * The server process's home: {@code ~} in settings, the default data directory's parent,
     * and the home of accounts made without {@code --home}.
     */
    static Path home(Map<String, String> env) {
        return SettingsLoader.homeOf(env, Path.of(System.getProperty("user.home")));
    }

    private static void put(Map<String, String> flags, Map<String, String> givenAt, String name, String flag,
                            String value, CommandSpec level) {
        String earlier = flags.get(name);
        if (earlier != null && !earlier.equals(value)) {
            throw twice(flag, givenAt.get(name), earlier, level, value);
        }
        flags.put(name, value);
        givenAt.putIfAbsent(name, level.qualifiedName());
    }

    private static ConfigException twice(String flag, String firstLevel, String first, CommandSpec level,
                                         String second) {
        return new ConfigException(flag + " is given twice with different values: " + first + " (after "
                + firstLevel + ") and " + second + " (after " + level.qualifiedName() + "); give it once");
    }

    /** The option's value as typed (the last one when it is repeated). */
    private static String raw(ParseResult parsed, String flag) {
        List<String> values = parsed.matchedOption(flag).stringValues();
        return values.get(values.size() - 1);
    }

    /** The top-level command first, then each subcommand down to {@code spec}. */
    private static List<CommandSpec> chain(CommandSpec spec) {
        List<CommandSpec> levels = new ArrayList<>();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            levels.add(0, s);
        }
        return levels;
    }
}
