package dev.rshell.server.cli;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import dev.rshell.config.source.Text;
import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.PasswordPolicy;
import dev.rshell.config.user.Role;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rshell-server user add|passwd|del|list}: manages the users file in the data
 * directory. A running server sees the changes at the next login. Passwords are read from the
 * terminal without echo, or from the first line of stdin with {@code --password-stdin}; they
 * are never stored, logged or shown.
 */
@Command(name = "user", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Manages user accounts.", subcommandsRepeatable = false)
final class UserCommand implements Runnable {

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                "user: missing subcommand: add, passwd, del or list");
    }

    /**
     * Options every user subcommand (and {@code fingerprint}) takes to find the data directory.
     * The same options, and every setting flag, may also come before the subcommand
     * ({@link CliSettings}).
     */
    static final class Location {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The server's data directory.")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE", description = "The server's properties file.")
        Path config;

        ServerSettings settings(Map<String, String> env) {
            return CliSettings.load(command, env);
        }

        UserStore store(ServerSettings settings) {
            DataDirectory.prepare(settings.dataDir());
            return UserStore.forSettings(settings);
        }
    }

    /**
     * Reads a new password from the terminal (twice) or from stdin's first line, and checks it
     * against the password policy (the same one the {@code passwd} built-in applies).
     */
    static char[] readPassword(String user, boolean fromStdin, InputStream in, PasswordPolicy policy)
            throws IOException {
        char[] password = readPassword(user, fromStdin, in);
        Optional<String> weak = policy.weakness(password);
        if (weak.isPresent()) {
            Arrays.fill(password, '\0');
            throw new ConfigException("the password " + weak.get() + "; nothing was changed");
        }
        return password;
    }

    private static char[] readPassword(String user, boolean fromStdin, InputStream in) throws IOException {
        if (fromStdin) {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new ConfigException("--password-stdin: stdin had no password on its first line");
            }
            return line.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new ConfigException("no terminal to read the password from: use --password-stdin");
        }
        char[] first = console.readPassword("New password for %s: ", user);
        char[] second = console.readPassword("Retype the password: ");
        if (first == null || second == null || first.length == 0) {
            throw new ConfigException("no password given");
        }
        boolean same = Arrays.equals(first, second);
        Arrays.fill(second, '\0');
        if (!same) {
            Arrays.fill(first, '\0');
            throw new ConfigException("the two passwords differ; nothing was changed");
        }
        return first;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Adds a user.")
    static final class Add implements Callable<Integer> {
        @Mixin
        Location location;
        @Parameters(paramLabel = "NAME", description = "The user name: " + UserAccount.NAME_RULE)
        String name;
        @Option(names = "--role", paramLabel = "ROLE", defaultValue = "operator",
                description = "admin, operator, viewer or a role of the properties file"
                        + " (default: ${DEFAULT-VALUE}).")
        String role;
        @Option(names = "--home", paramLabel = "DIR",
                description = "Home directory, an absolute path (default: the server process's home).")
        Path home;
        @Option(names = "--password-stdin", description = "Read the password from stdin's first line.")
        boolean passwordStdin;

        private final InputStream in;
        private final PrintStream out;
        private final Map<String, String> env;

        Add(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
            this.in = in;
            this.out = out;
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            if (!UserAccount.isValidName(name)) {
                throw new ConfigException("NAME: " + Text.quote(name) + " is not allowed: " + UserAccount.NAME_RULE);
            }
            if (home != null && !home.isAbsolute()) {
                throw new ConfigException("--home: " + Text.quote(home.toString())
                        + " is not allowed: an absolute path, such as /home/" + name);
            }
            ServerSettings settings = location.settings(env);
            if (!settings.roles().containsKey(role)) {
                throw new ConfigException("--role: " + Text.quote(role) + " is not a role: "
                        + roleNames(settings.roles().keySet()));
            }
            Role parsedRole = Role.of(role);
            UserStore store = location.store(settings);
            if (store.find(name).isPresent()) {
                throw new ConfigException("user " + name + " exists already (in " + store.file() + ")");
            }
            char[] password = readPassword(name, passwordStdin, in, PasswordPolicy.forSettings(settings));
            try {
                Path dir = home != null ? home.normalize() : CliSettings.home(env);
                store.add(UserAccount.withPassword(name, parsedRole, dir,
                        PasswordHasher.forSettings(settings).hash(password)));
            } finally {
                Arrays.fill(password, '\0');
            }
            out.println("added user " + name + " (" + parsedRole.name() + ")");
            return 0;
        }
    }

    /** "admin, operator or viewer": the role names in the order given, for a message. */
    static String roleNames(java.util.Collection<String> names) {
        java.util.List<String> list = java.util.List.copyOf(names);
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Sets a user's password.")
    static final class Passwd implements Callable<Integer> {
        @Mixin
        Location location;
        @Parameters(paramLabel = "NAME", description = "The user.")
        String name;
        @Option(names = "--password-stdin", description = "Read the password from stdin's first line.")
        boolean passwordStdin;

        private final InputStream in;
        private final PrintStream out;
        private final Map<String, String> env;

        Passwd(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
            this.in = in;
            this.out = out;
            this.env = env;
        }

        @Override
        public Integer call() throws IOException {
            ServerSettings settings = location.settings(env);
            UserStore store = location.store(settings);
            if (store.find(name).isEmpty()) {
                throw new ConfigException("no user " + name + " (in " + store.file() + ")");
            }
            char[] password = readPassword(name, passwordStdin, in, PasswordPolicy.forSettings(settings));
            try {
                store.setPasswordHash(name, PasswordHasher.forSettings(settings).hash(password));
            } finally {
                Arrays.fill(password, '\0');
            }
            out.println("password of " + name + " changed");
            return 0;
        }
    }

    @Command(name = "del", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Deletes a user.")
    static final class Del implements Callable<Integer> {
        @Mixin
        Location location;
        @Parameters(paramLabel = "NAME", description = "The user.")
        String name;

        private final PrintStream out;
        private final Map<String, String> env;

        Del(PrintStream out, PrintStream err, Map<String, String> env) {
            this.out = out;
            this.env = env;
        }

        @Override
        public Integer call() {
            UserStore store = location.store(location.settings(env));
            if (store.find(name).isEmpty()) {
                throw new ConfigException("no user " + name + " (in " + store.file() + ")");
            }
            store.delete(name);
            out.println("deleted user " + name);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Lists users: name, role, home.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin
        Location location;

        private final PrintStream out;
        private final Map<String, String> env;

        ListUsers(PrintStream out, PrintStream err, Map<String, String> env) {
            this.out = out;
            this.env = env;
        }

        @Override
        public Integer call() {
            for (UserAccount a : location.store(location.settings(env)).list()) {
                out.println(a.name() + "\t" + a.role().name() + "\t" + a.home());
            }
            return 0;
        }
    }
}
