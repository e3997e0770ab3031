package dev.rshell.config;

import dev.rshell.config.role.Roles;
import dev.rshell.config.source.CommandSources;
import dev.rshell.config.source.Origin;
import dev.rshell.config.source.PropertiesFile;
import dev.rshell.config.source.RawValue;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@link ServerSettings} from a properties file, environment variables and flags, in
 * rising precedence: a flag beats a variable, which beats the file, which beats the default.
 *
 * <p>Which file: the {@code configFile} argument ({@code --config FILE}); else the file named
 * by {@code RSHELL_SERVER_CONFIG}; else {@code DATA_DIR/server.properties} if it exists, where
 * DATA_DIR is resolved from flag, variable and default first. A named file must exist; the
 * implicit one may not set {@code data-dir}, since it was found through data-dir itself.
 *
 * <p>Validation: every value given is checked, including values a higher source overrides,
 * so a broken line in the file is reported even on a day a flag hides it. Unknown setting
 * names in the file, unknown {@code RSHELL_SERVER_*} variables and unknown flags are errors.
 * Then cross-setting rules are checked (Argon2 memory against the heap, and against
 * parallelism; max-startups below max-sessions; the keystore and its password). All problems
 * are collected and thrown together in one {@link ConfigException}. Values from variables and
 * flags are stripped of surrounding blanks, like the file's.
 *
 * <p>Roles: {@code role.NAME.KEY} lines of the properties file define roles (see
 * {@link Roles}); they are not settings, and have no variables or flags.
 *
 * <p>Secrets ({@link Setting#secret()}, the keystore password): never quoted in a message,
 * and refused as a flag. The keystore password file is read here, at load, so that a
 * missing, unreadable or empty file is a start-up error naming the file rather than a TLS
 * failure later; {@link ServerSettings#tlsKeystorePassword()} holds what it said. A named
 * {@code tls-keystore} must be a readable file. Both are checked whether or not {@code tls}
 * is on, like every other value.
 *
 * <p>The loader reads no global state: the environment, the home directory, the heap size and
 * the Java version are given to the constructor ({@link #forThisProcess()} supplies the real
 * ones). The Java version decides whether {@code threads = virtual} is allowed: virtual threads
 * need Java {@value ThreadKind#VIRTUAL_SINCE}, and saying so at start-up, naming where the value
 * came from, beats a failure when the first session connects.
 *
 * <p>Thread safety: immutable; {@link #load} may be called from any thread.
 */
public final class SettingsLoader {

    private final Map<String, String> env;
    private final ParseContext context;
    private final long maxHeapBytes;
    private final int javaFeature;

    /**
     * A loader for the Java this code runs on.
     *
     * @param env          environment variables (tests pass a map; production {@code System.getenv()})
     * @param home         the home directory {@code ~} expands to; absolute
     * @param maxHeapBytes the JVM's maximum heap ({@code Runtime.maxMemory()}), for the Argon2 check
     */
    public SettingsLoader(Map<String, String> env, Path home, long maxHeapBytes) {
        this(env, home, maxHeapBytes, Runtime.version().feature());
    }

    /**
     * @param javaFeature the Java feature release the server will run on ({@code 17}, {@code 21},
     *                    ...), for the {@code threads} check
     */
    public SettingsLoader(Map<String, String> env, Path home, long maxHeapBytes, int javaFeature) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.context = new ParseContext(home);
        this.maxHeapBytes = maxHeapBytes;
        this.javaFeature = javaFeature;
    }

    /** A loader for this process: its environment, its home ({@link #homeOf}) and maximum heap. */
    public static SettingsLoader forThisProcess() {
        return new SettingsLoader(System.getenv(), homeOf(System.getenv(), Path.of(System.getProperty("user.home"))),
                Runtime.getRuntime().maxMemory());
    }

    /** The variable whose directory holds the default data directory, as the XDG spec says. */
    public static final String XDG_DATA_HOME = "XDG_DATA_HOME";
    /** The data directory's name below {@code $XDG_DATA_HOME} or {@code ~/.local/share}. */
    public static final String DATA_DIR_NAME = "rshell-server";

    /**
     * The home directory that {@code ~} stands for: {@code $HOME} when it is an absolute path,
     * as the shell and the client see it, else {@code userHome} (Java's {@code user.home},
     * which comes from the password database and ignores {@code $HOME}).
     */
    public static Path homeOf(Map<String, String> env, Path userHome) {
        return absolute(env.get("HOME")).orElse(userHome);
    }

    private static Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Path p = Path.of(value);
            return p.isAbsolute() ? Optional.of(p.normalize()) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code data-dir}'s default: {@code $XDG_DATA_HOME/rshell-server} when that variable is an
     * absolute path (the XDG spec says to ignore a relative one), else
     * {@code ~/.local/share/rshell-server}.
     */
    public Path defaultDataDir() {
        return absolute(env.get(XDG_DATA_HOME)).map(d -> d.resolve(DATA_DIR_NAME))
                .orElseGet(() -> Settings.DATA_DIR.defaultValue(context));
    }

    /**
     * Loads and validates the settings.
     *
     * @param configFile the file given with {@code --config}, if any; a relative path is
     *                   relative to the working directory
     * @param flags      setting name (without dashes) to raw value, from the command line;
     *                   {@code config} is not a setting and belongs in {@code configFile}
     * @throws ConfigException listing every problem found
     */
    public ServerSettings load(Optional<Path> configFile, Map<String, String> flags) {
        List<String> problems = new ArrayList<>();
        List<RawValue> flagValues = known(CommandSources.fromFlags(flags), problems);
        List<RawValue> envValues = known(CommandSources.fromEnvironment(env), problems);

        Optional<Path> fileRead = Optional.empty();
        List<RawValue> fileValues = List.of();
        List<RawValue> roleValues = List.of();
        Optional<Named> named = namedConfigFile(configFile, problems);
        Optional<Path> file = named.map(Named::path).or(() -> implicitConfigFile(envValues, flagValues));
        if (file.isPresent()) {
            try {
                PropertiesFile.Result r = PropertiesFile.read(file.get());
                problems.addAll(r.problems());
                roleValues = r.values().stream().filter(v -> Roles.isRoleKey(v.name())).toList();
                fileValues = known(r.values().stream().filter(v -> !Roles.isRoleKey(v.name())).toList(),
                        problems);
                fileRead = file;
            } catch (IOException e) {
                problems.add("config file " + file.get()
                        + named.map(n -> " (from " + n.origin().describe() + ")").orElse("")
                        + " can't be read: " + reason(e));
            }
            if (named.isEmpty()) {
                fileValues = withoutDataDir(fileValues, problems);
            }
        }

        Values values = new Values();
        for (Setting<?> s : Settings.definitions()) {
            resolve(s, List.of(fileValues, envValues, flagValues), values, problems);
        }
        crossCheck(values, problems);
        Optional<Secret> keystorePassword = keystorePassword(values, problems);
        Roles.Result roles = Roles.parse(roleValues);
        problems.addAll(roles.problems());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return ServerSettings.from(values, keystorePassword, fileRead, roles.roles());
    }

    /** A config file named by flag or variable, and which one named it. */
    private record Named(Path path, Origin origin) {
    }

    private Optional<Named> namedConfigFile(Optional<Path> configFile, List<String> problems) {
        if (configFile.isPresent()) {
            return Optional.of(new Named(expandHome(configFile.get().toString()),
                    new Origin.Flag("--config")));
        }
        String fromEnv = env.get(CommandSources.CONFIG_VARIABLE);
        if (fromEnv == null) {
            return Optional.empty();
        }
        Origin origin = new Origin.Variable(CommandSources.CONFIG_VARIABLE);
        try {
            if (!fromEnv.isBlank()) {
                return Optional.of(new Named(expandHome(fromEnv.strip()), origin));
            }
        } catch (InvalidPathException e) {
            // reported below, like a blank value
        }
        problems.add("config file " + Text.quote(fromEnv) + " from " + origin.describe()
                + " is not allowed: a path to a properties file");
        return Optional.empty();
    }

    private Path expandHome(String p) {
        String expanded = p.equals("~") ? context.home().toString()
                : p.startsWith("~/") ? context.home() + p.substring(1) : p;
        return Path.of(expanded).toAbsolutePath().normalize();
    }

    /** DATA_DIR/server.properties when it exists, data-dir taken from flag, variable or default. */
    private Optional<Path> implicitConfigFile(List<RawValue> envValues, List<RawValue> flagValues) {
        Optional<Path> dataDir = Optional.of(defaultDataDir());
        for (List<RawValue> source : List.of(envValues, flagValues)) {
            for (RawValue v : source) {
                if (v.name().equals(Settings.DATA_DIR.name())) {
                    // An invalid data-dir is reported later; then look for no file at all.
                    dataDir = Settings.DATA_DIR.parse(v.value().strip(), context);
                }
            }
        }
        return dataDir.map(d -> d.resolve(ServerSettings.CONFIG_FILE_NAME)).filter(Files::exists);
    }

    private static List<RawValue> withoutDataDir(List<RawValue> fileValues, List<String> problems) {
        List<RawValue> kept = new ArrayList<>();
        for (RawValue v : fileValues) {
            if (v.name().equals(Settings.DATA_DIR.name())) {
                problems.add(v.origin().describe() + ": data-dir can't be set in the "
                        + ServerSettings.CONFIG_FILE_NAME + " found in the data directory; use "
                        + Settings.DATA_DIR.flag() + ", " + Settings.DATA_DIR.envVar()
                        + " or a file named with --config");
            } else {
                kept.add(v);
            }
        }
        return kept;
    }

    /** Drops and reports values whose name is not a setting. */
    private static List<RawValue> known(List<RawValue> values, List<String> problems) {
        List<RawValue> kept = new ArrayList<>();
        for (RawValue v : values) {
            if (Settings.find(v.name()).isPresent()) {
                kept.add(v);
                continue;
            }
            Origin o = v.origin();
            String what = o instanceof Origin.FileLine
                    ? o.describe() + ": " + Text.quote(v.name()) + " is not a setting"
                    : o.describe() + " is not a setting";
            // Suggest from the variable's suffix as kebab-case, so RSHELL_SERVER_port gets a hint.
            String guess = o instanceof Origin.Variable var
                    ? var.name().substring(Origin.ENV_PREFIX.length())
                            .toLowerCase(Locale.ROOT).replace('_', '-')
                    : v.name();
            if (guess.startsWith("role-") || guess.startsWith(Roles.KEY_PREFIX)) {
                problems.add(what + " (roles are defined only in the properties file, as role.NAME.KEY)");
                continue;
            }
            problems.add(what + Settings.suggest(guess)
                    .map(n -> " (did you mean " + o.spell(n) + "?)").orElse(""));
        }
        return kept;
    }

    private <T> void resolve(Setting<T> s, List<List<RawValue>> sourcesByPrecedence,
                             Values values, List<String> problems) {
        @SuppressWarnings("unchecked") // DATA_DIR is a Setting<Path>
        T value = s == Settings.DATA_DIR ? (T) defaultDataDir() : s.defaultValue(context);
        Origin origin = new Origin.Default();
        for (List<RawValue> source : sourcesByPrecedence) {
            for (RawValue v : source) {
                if (!v.name().equals(s.name())) {
                    continue;
                }
                if (s.secret() && v.origin() instanceof Origin.Flag) {
                    problems.add(s.name() + " from " + v.origin().describe() + " is refused: every local"
                            + " user can read a command line (ps); give it in variable " + s.envVar()
                            + " or the properties file");
                    values.markInvalid(s);
                    continue;
                }
                Optional<T> parsed = s.parse(v.value().strip(), context);
                if (parsed.isPresent()) {
                    value = parsed.get();
                    origin = v.origin();
                } else {
                    problems.add(s.name() + ": " + (s.secret() ? Secret.MASK : Text.quote(v.value()))
                            + " from " + v.origin().describe() + " is not allowed: " + s.allowed());
                    values.markInvalid(s);
                }
            }
        }
        values.put(s, value, origin);
    }

    private void crossCheck(Values v, List<String> problems) {
        if (v.allValid(Settings.THREADS) && v.get(Settings.THREADS) == ThreadKind.VIRTUAL
                && javaFeature < ThreadKind.VIRTUAL_SINCE) {
            problems.add(Settings.THREADS.name() + ": " + v.describe(Settings.THREADS) + " needs Java "
                    + ThreadKind.VIRTUAL_SINCE + " or later, and the server runs on Java " + javaFeature
                    + "; use " + ThreadKind.PLATFORM.settingValue() + ", or start the server with a Java "
                    + ThreadKind.VIRTUAL_SINCE + "+ (JAVA_HOME)");
        }
        if (v.allValid(Settings.MAX_STARTUPS, Settings.MAX_SESSIONS)
                && v.get(Settings.MAX_SESSIONS) > 1
                && v.get(Settings.MAX_STARTUPS) >= v.get(Settings.MAX_SESSIONS)) {
            problems.add(Settings.MAX_STARTUPS.name() + ": " + v.describe(Settings.MAX_STARTUPS)
                    + " must be less than " + Settings.MAX_SESSIONS.name() + " "
                    + v.describe(Settings.MAX_SESSIONS)
                    + ", so that connections not yet logged in can never take every session");
        }
        if (v.allValid(Settings.ARGON2_MEMORY, Settings.ARGON2_PARALLELISM)) {
            long memoryKib = v.get(Settings.ARGON2_MEMORY);
            long least = 8L * v.get(Settings.ARGON2_PARALLELISM);
            if (memoryKib < least) {
                problems.add(Settings.ARGON2_MEMORY.name() + ": " + v.describe(Settings.ARGON2_MEMORY)
                        + " is less than 8 KiB per lane of " + Settings.ARGON2_PARALLELISM.name()
                        + " " + v.describe(Settings.ARGON2_PARALLELISM) + ", the least Argon2 allows ("
                        + Sizes.format(least * Sizes.KIB) + ")");
            }
        }
        if (v.allValid(Settings.ARGON2_MEMORY, Settings.MAX_CONCURRENT_LOGINS)) {
            long total = v.get(Settings.ARGON2_MEMORY) * Sizes.KIB * v.get(Settings.MAX_CONCURRENT_LOGINS);
            long share = maxHeapBytes / 2;
            if (total > share) {
                problems.add(Settings.ARGON2_MEMORY.name() + " × " + Settings.MAX_CONCURRENT_LOGINS.name()
                        + ": " + v.describe(Settings.ARGON2_MEMORY) + " × "
                        + v.describe(Settings.MAX_CONCURRENT_LOGINS) + " = " + Sizes.format(total)
                        + " is more than half the Java heap (" + Sizes.format(share) + " of "
                        + Sizes.format(maxHeapBytes) + "); lower " + Settings.ARGON2_MEMORY.name()
                        + " or " + Settings.MAX_CONCURRENT_LOGINS.name()
                        + ", or give the server a larger heap with -Xmx");
            }
        }
    }

    /** Larger than any password file: refuse rather than read a wrong file into memory. */
    static final int MAX_PASSWORD_FILE_BYTES = 64 * 1024;

    /**
     * Checks the keystore against its password settings and returns the password: the
     * secret setting's, or the first line of the password file. Empty when there is none,
     * or when something was wrong (then {@code problems} says what).
     */
    private Optional<Secret> keystorePassword(Values v, List<String> problems) {
        Setting<Optional<Path>> keystore = Settings.TLS_KEYSTORE;
        Setting<Optional<Path>> file = Settings.TLS_KEYSTORE_PASSWORD_FILE;
        Setting<Optional<Secret>> secret = Settings.TLS_KEYSTORE_PASSWORD;
        if (!v.allValid(keystore, file, secret)) {
            return Optional.empty(); // each bad value is reported already; pairing them would guess
        }
        Optional<Path> store = v.get(keystore);
        boolean hasSecret = v.get(secret).isPresent();
        boolean hasFile = v.get(file).isPresent();
        if (hasSecret && hasFile) {
            problems.add(secret.name() + " " + v.describe(secret) + " and " + file.name() + " "
                    + v.describe(file) + " are both given; give the password one way");
            return Optional.empty();
        }
        if (store.isEmpty()) {
            if (hasSecret || hasFile) {
                Setting<?> given = hasSecret ? secret : file;
                problems.add(given.name() + " " + v.describe(given) + " is given but " + keystore.name()
                        + " is none: the generated keystore needs no password; name your keystore with "
                        + keystore.name() + " or drop " + given.name());
            }
            return Optional.empty();
        }
        requireReadable(store.get(), keystore.name() + ": " + v.describe(keystore), problems);
        if (hasSecret) {
            return v.get(secret);
        }
        if (!hasFile) {
            problems.add(keystore.name() + " needs " + file.name() + " or " + secret.envVar() + ": "
                    + v.describe(keystore) + " is given without a password");
            return Optional.empty();
        }
        return readPasswordFile(v.get(file).get(), file.name() + ": " + v.describe(file), problems);
    }

    private static void requireReadable(Path path, String what, List<String> problems) {
        if (Files.isDirectory(path)) {
            problems.add(what + " can't be read: it is a directory");
            return;
        }
        try (InputStream ignored = Files.newInputStream(path)) {
            // readable
        } catch (IOException e) {
            problems.add(what + " can't be read: " + reason(e));
        }
    }

    /**
     * The first line of {@code file}, without its line ending, as a secret. The bytes read
     * are wiped afterwards; no {@code String} of the password is made.
     *
     * @param what the setting and file as messages name them
     */
    static Optional<Secret> readPasswordFile(Path file, String what, List<String> problems) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                problems.add(what + " can't be read: it is a directory");
                return Optional.empty();
            }
            if (Files.size(file) > MAX_PASSWORD_FILE_BYTES) {
                problems.add(what + " is larger than " + MAX_PASSWORD_FILE_BYTES / 1024
                        + " KiB; its first line should be the keystore password");
                return Optional.empty();
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            problems.add(what + " can't be read: " + reason(e));
            return Optional.empty();
        }
        try {
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
            if (end == 0) {
                problems.add(what + " is empty: its first line must be the keystore password");
                return Optional.empty();
            }
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end));
            char[] password = new char[chars.remaining()];
            chars.get(password);
            Secret secret = Secret.of(password);
            Arrays.fill(password, '\0');
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return Optional.of(secret);
        } catch (CharacterCodingException e) {
            problems.add(what + ": its first line is not UTF-8 text");
            return Optional.empty();
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The loaded value of every setting and where it came from. */
    static final class Values {
        private record Entry(Object value, Origin origin) {
        }

        private final Map<String, Entry> entries = new HashMap<>();
        private final Set<String> invalid = new HashSet<>();

        <T> void put(Setting<T> s, T value, Origin origin) {
            entries.put(s.name(), new Entry(value, origin));
        }

        @SuppressWarnings("unchecked") // put() stored a T under s's name
        <T> T get(Setting<T> s) {
            return (T) entries.get(s.name()).value();
        }

        void markInvalid(Setting<?> s) {
            invalid.add(s.name());
        }

        boolean allValid(Setting<?>... settings) {
            for (Setting<?> s : settings) {
                if (invalid.contains(s.name())) {
                    return false;
                }
            }
            return true;
        }

        /** A value as messages show it: none for an empty Optional, durations as written. */
        private static String show(Object value) {
            if (value instanceof Optional<?> o) {
                return o.map(Values::show).orElse("none");
            }
            if (value instanceof Duration d) {
                return Durations.format(d);
            }
            return String.valueOf(value); // a Secret shows as ***
        }

        /** The value as a message shows it, with its origin unless it is the default. */
        String describe(Setting<?> s) {
            Entry e = entries.get(s.name());
            String shown = s == Settings.ARGON2_MEMORY
                    ? Sizes.format((Integer) e.value() * Sizes.KIB) : show(e.value());
            return e.origin() instanceof Origin.Default ? shown + " (default)"
                    : shown + " (" + e.origin().describe() + ")";
        }
    }
}
