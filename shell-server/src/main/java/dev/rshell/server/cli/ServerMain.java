package dev.rshell.server.cli;

import dev.rshell.config.ConfigException;
import dev.rshell.config.Setting;
import dev.rshell.config.Settings;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code rshell-server} program: {@code rshell-server [SETTINGS...]} serves, and
 * {@code rshell-server user ...} manages accounts.
 *
 * <p>Exit statuses: 0 after a clean run or shutdown, 1 on a runtime failure (port taken, data
 * directory unusable), 2 on a usage or configuration error. Nothing a user can get wrong ends
 * in a stack trace: each problem is one line on stderr.
 */
public final class ServerMain {

    /** Status for a usage or configuration error. */
    public static final int USAGE = 2;
    /** Status for a runtime failure. */
    public static final int FAILURE = 1;

    private ServerMain() {
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    /**
     * Runs the program without exiting, for tests and for {@link #main}.
     *
     * @return the exit status
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        ServeCommand serve = new ServeCommand(out, err, env);
        CommandLine cli = new CommandLine(serve);
        addSettingOptions(cli.getCommandSpec());
        CommandLine user = new CommandLine(new UserCommand());
        user.addSubcommand(new UserCommand.Add(in, out, err, env));
        user.addSubcommand(new UserCommand.Passwd(in, out, err, env));
        user.addSubcommand(new UserCommand.Del(out, err, env));
        user.addSubcommand(new UserCommand.ListUsers(out, err, env));
        user.addSubcommand(new UserCertCommand(out, env));
        cli.addSubcommand("user", user);
        cli.addSubcommand(new FingerprintCommand(out, err, env));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        HelpLayout.install(cli);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("rshell-server: " + usageProblem(e) + " (try "
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            if (e instanceof ConfigException config) {
                config.problems().forEach(problem -> err.println("rshell-server: " + problem));
                return USAGE;
            }
            err.println("rshell-server: " + e);
            return FAILURE;
        });
        return cli.execute(args);
    }

    /**
     * picocli's message, in the program's words: {@code unknown option: '--bogus'} for the first
     * unknown option, else picocli's text starting in lower case.
     */
    static String usageProblem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            for (String arg : unmatched.getUnmatched()) {
                if (arg.startsWith("-") && arg.length() > 1) {
                    int eq = arg.indexOf('=');
                    return "unknown option: '" + (arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg) + "'";
                }
            }
        }
        String m = e.getMessage();
        return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** One {@code --NAME VALUE} option per setting, described once in {@link Settings}. */
    private static void addSettingOptions(CommandSpec spec) {
        for (Setting<?> setting : Settings.definitions()) {
            if (setting.secret()) {
                continue; // a secret on the command line is visible to every user through ps
            }
            spec.addOption(OptionSpec.builder(setting.flag())
                    .paramLabel(label(setting))
                    .type(String.class)
                    .description(setting.description() + " Allowed: " + setting.allowed()
                            + ". Default: " + setting.defaultText() + "; variable " + setting.envVar() + ".")
                    .build());
        }
    }

    private static String label(Setting<?> setting) {
        return setting.name().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    }
}
