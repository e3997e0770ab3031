package dev.rshell.config.source;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a raw setting value came from, so that every problem message can point at the
 * exact place to fix: a line of a file, an environment variable, a command-line flag, or
 * the built-in default.
 *
 * <p>{@link #describe()} is the text used in messages ({@code file /etc/x.properties:12},
 * {@code variable RSHELL_SERVER_PORT}, {@code flag --port}); {@link #spell(String)} spells a
 * setting name the way this kind of source spells it, for "did you mean" hints.
 */
public sealed interface Origin {

    /** The prefix of every environment variable that names a server setting. */
    String ENV_PREFIX = "RSHELL_SERVER_";

    /** A one-line description of the place, used in problem messages. */
    String describe();

    /** How a setting called {@code settingName} is written in this kind of source. */
    String spell(String settingName);

    /** The environment variable that carries setting {@code settingName}. */
    static String envVarFor(String settingName) {
        return ENV_PREFIX + settingName.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }

    /** A line of a properties file; {@code line} counts from 1. */
    record FileLine(Path file, int line) implements Origin {
        public FileLine {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return "file " + file + ":" + line;
        }

        @Override
        public String spell(String settingName) {
            return settingName;
        }
    }

    /** An environment variable, named in full ({@code RSHELL_SERVER_PORT}). */
    record Variable(String name) implements Origin {
        public Variable {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "variable " + name;
        }

        @Override
        public String spell(String settingName) {
            return envVarFor(settingName);
        }
    }

    /** A command-line flag, with its dashes ({@code --port}). */
    record Flag(String flag) implements Origin {
        public Flag {
            Objects.requireNonNull(flag, "flag");
        }

        @Override
        public String describe() {
            return "flag " + flag;
        }

        @Override
        public String spell(String settingName) {
            return "--" + settingName;
        }
    }

    /** The setting's built-in default. */
    record Default() implements Origin {
        @Override
        public String describe() {
            return "the default";
        }

        @Override
        public String spell(String settingName) {
            return settingName;
        }
    }
}
