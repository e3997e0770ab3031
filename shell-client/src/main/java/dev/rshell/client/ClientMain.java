package dev.rshell.client;

import dev.rshell.client.batch.BatchOutcome;
import dev.rshell.client.batch.BatchRunner;
import dev.rshell.client.batch.BatchSettings;
import dev.rshell.client.batch.Script;
import dev.rshell.client.batch.ScriptProblem;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.StartupTimes;
import dev.rshell.client.connect.Target;
import dev.rshell.client.connect.TlsTransport;
import dev.rshell.client.connect.Transport;
import dev.rshell.client.interactive.InteractiveShell;
import dev.rshell.client.interactive.ShellOutcome;
import dev.rshell.client.interactive.ShellSettings;
import dev.rshell.client.interactive.WireKeepalive;
import dev.rshell.client.bench.BenchCommand;
import dev.rshell.client.keygen.KeygenCommand;
import dev.rshell.client.trust.CaTrust;
import dev.rshell.client.trust.KnownHostsTrust;
import dev.rshell.client.trust.PinnedTrust;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rshell [OPTIONS] [USER@]HOST[:PORT] [COMMAND WORDS...]}: the picocli root of the client.
 *
 * <p>Exit statuses (protocol.md): the last command's status, as in {@code sh} (0 when no
 * command was sent; 0 when the last one ran in the background); with {@code -e}, the first
 * failing command's; {@code exit N}'s N when the script exits. 2 for a usage error (one line,
 * ending "try rshell --help") or a script line the client won't send. 141 when stdout's reader
 * went away (EPIPE). 255 when the client can't connect, log in or follow the protocol, the
 * connection ends before every sent command's {@code end}, the server ends the session itself,
 * or stdout can't be written.
 *
 * <p>Options end at the host, as with ssh: everything after it is the command, so
 * {@code rshell host ls -l} sends {@code ls -l}. With a terminal on stdin and stdout and no
 * command given (no words, {@code -c} or {@code -f}), the interactive shell runs instead
 * ({@link InteractiveShell}); when no usable terminal can be opened, one line says so and the
 * terminal is read line by line as in batch mode. Subcommands are picocli subcommands of this
 * root, recognised only as the first word that is not an option: {@code keygen}
 * ({@link KeygenCommand}) and {@code bench} ({@link BenchCommand}). (A server really named {@code keygen} is
 * reached as {@code keygen:7022}.)
 *
 * <p>Transport: TLS by default ({@link TlsTransport}), verified by {@code known_hosts}
 * ({@link KnownHostsTrust}), {@code --fingerprint} ({@link PinnedTrust}) or {@code --truststore}
 * ({@link CaTrust}); {@code --no-tls} for plain TCP. The client's directory is
 * {@code $RSHELL_HOME}, else {@code $HOME/.rshell} ({@link ClientHome}). Problems with the TLS
 * files the user named (identity, trust store) are status 255, like a missing password file.
 *
 * <p>{@link #main} is the only place that calls {@code System.exit}; {@link #run} returns the
 * status and writes only to the injected {@link ClientIo}, and never throws at the user.
 */
@Command(name = "rshell", mixinStandardHelpOptions = true, versionProvider = ClientMain.Version.class,
        sortOptions = false,
        customSynopsis = {"rshell [OPTIONS] [USER@]HOST[:PORT] [COMMAND WORDS...]",
            "rshell [OPTIONS] HOSTS [COMMAND WORDS...]",
            "rshell [OPTIONS] -H HOSTS [-H HOSTS...] [COMMAND WORDS...]"},
        description = {
            "Runs commands on an rshell server. Their stdout lines go to stdout; their stderr "
                + "lines, and server notices as \"rshell: server message: TEXT\", go to stderr.",
            "",
            "Commands come from the words after the host (joined with spaces into one line), "
                + "from -c and -f in the order given, or else from stdin, one a line. Lines with "
                + "no words (empty, blank, or a # comment) are skipped; a line starting with ':' "
                + "is refused. Without -e, commands are pipelined.",
            "",
            "Standard input goes to the command, as with ssh, when there is one command (the "
                + "words after the host, or one -c) and stdin is not a terminal: rshell host sort "
                + "< names.txt, rshell host 'tee /etc/motd' < motd. -n sends none; with several "
                + "commands, --stdin-to N gives it to the Nth. Output arrives byte for byte as the "
                + "command wrote it (a server of protocol 1 sends text, and takes no input: a "
                + "command given a non-empty stdin then fails with status 255).",
            "",
            "With a terminal and no command, an interactive shell starts: line editing, history "
                + "(~/.rshell/history-HOST-PORT, Ctrl-R), Tab completion from the server, Ctrl-C "
                + "interrupts the running command (its output still on the way is dropped, with one "
                + "note), Ctrl-D or exit quits (while background jobs run, "
                + "the first Ctrl-D only warns). What is typed while a command runs goes to its "
                + "standard input (server protocol 1.1): Ctrl-D ends it, password prompts take "
                + "the answer without echo.",
            "",
            "The connection is TLS unless --no-tls. The server is trusted by the fingerprint of "
                + "its certificate, remembered in ~/.rshell/known_hosts (one \"HOST:PORT "
                + "SHA256:...\" a line): the first time, a terminal asks (yes/y, no/n or the "
                + "fingerprint; anything else is asked again); a script needs "
                + "--accept-new or --fingerprint. A server whose certificate changed is refused "
                + "(status 255) until its line is removed. With --truststore, a CA vouches instead.",
            "",
            "Many hosts: HOSTS is a host set (a,b  web[01-20]  db[1-3,7]  USER@@GROUP of "
                + "~/.rshell/groups), or -H and --hosts-file name them. Every host runs the same "
                + "commands, at most --fanout at once; lines stream as \"host: text\" (or -b, --diff, "
                + "--json, --outdir), then a summary on stderr gives each host's outcome. The status "
                + "is the highest over the hosts, 255 when any could not run (unreachable, login "
                + "refused, not trusted, protocol error, timed out). Unknown servers need --accept-new.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0-254:the last command's status, as in sh (with -e: the first failing one's); "
                + "exit N in the script: N, and the lines after it do not run",
            "2:usage error, or a script line the client won't send",
            "141:stdout was closed (a broken pipe, e.g. | head); the remote commands were "
                + "interrupted",
            "255:can't connect, verify the server, log in or follow the protocol; the "
                + "connection ended before every command sent had ended; the server ended the "
                + "session (its reason on stderr); or stdout can't be written (e.g. a full disk)"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  RSHELL_PASSWORD            the password, when --password-file is not given",
            "  RSHELL_IDENTITY_PASSWORD   the --identity password, when",
            "                             --identity-password-file is not given",
            "  RSHELL_HOME                the client's directory with known_hosts,",
            "                             identity.p12 and the shell's history files",
            "                             (default: $HOME/.rshell)",
            "  NO_COLOR                   when set and not empty, the shell uses no colour",
            "  RSHELL_TIMING              when set and not empty, one line on stderr at",
            "                             exit says where the run's time went (JVM start,",
            "                             arguments, setup, TLS context, TCP, TLS handshake,",
            "                             login, commands)"})
public final class ClientMain implements Callable<Integer> {

    /** {@code --connect-timeout}'s default, in seconds. */
    private static final String DEFAULT_CONNECT_TIMEOUT = "10";

    // Not required for picocli (arity 0..1): a required root parameter would be demanded even
    // for "rshell keygen". plan() reports it missing in picocli's words.
    @Parameters(index = "0", arity = "0..1", paramLabel = "[USER@]HOST[:PORT]",
            description = "The server: host, host:port, [v6-address]:port, user@host:port. "
                    + "Default port " + Protocol.DEFAULT_PORT + ".")
    private String target;

    @Parameters(index = "1..*", paramLabel = "COMMAND",
            description = "A command to run: the words are joined with spaces into one line.")
    private List<String> words = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Log in as USER (default: the local login name). Not with USER@.")
    private String user;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "The server's port (default " + Protocol.DEFAULT_PORT + "). Not with :PORT.")
    private String port;

    @Option(names = {"-c", "--command"}, paramLabel = "CMD", parameterConsumer = ScriptArgConsumer.class,
            description = "Run CMD (repeatable). A CMD with line breaks is several lines.")
    private List<String> commandOptions;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", parameterConsumer = ScriptArgConsumer.class,
            description = "Run the lines of FILE (repeatable; '-' is stdin).")
    private List<String> fileOptions;

    @Option(names = {"-e", "--errexit"},
            description = "Send each command only after the previous one succeeded; stop at the "
                    + "first failure and exit with its status.")
    private boolean stopOnError;

    @Option(names = {"-n", "--no-stdin"},
            description = "Send no standard input, as ssh -n: the command reads an empty input, "
                    + "as with < /dev/null.")
    private boolean noStdin;

    @Option(names = "--stdin-to", paramLabel = "N",
            description = "Give standard input to the Nth command of the script (1 is the first; "
                    + "blank and comment lines don't count). Without it, stdin goes to the command "
                    + "only when there is just one (the words after the host, or one -c) and stdin "
                    + "is not a terminal.")
    private Integer stdinTo;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE. Otherwise "
                    + "RSHELL_PASSWORD, otherwise a prompt on the terminal, asked again after a "
                    + "wrong password while the server allows more tries.")
    private Path passwordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = DEFAULT_CONNECT_TIMEOUT,
            description = "Limit for connecting, for the server's hello and for the answer to "
                    + "the login, each (default ${DEFAULT-VALUE}).")
    private String connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    /** Whether the fast path saw --connect-timeout (picocli tracks repeats itself). */
    private boolean connectTimeoutGiven;

    @Option(names = "--window", paramLabel = "N", defaultValue = "" + BatchSettings.DEFAULT_WINDOW,
            description = "Most commands in flight when pipelining (1-" + BatchSettings.MAX_WINDOW
                    + ", default ${DEFAULT-VALUE}).")
    private int window = BatchSettings.DEFAULT_WINDOW;
    /** Whether the fast path saw --window. */
    private boolean windowGiven;

    @Option(names = "--keepalive", paramLabel = "SECONDS",
            description = "Send :ping every SECONDS; when the server leaves one unanswered for "
                    + "SECONDS, report that it stopped answering and exit 255. Default: off.")
    private String keepalive;

    @Option(names = "--no-color",
            description = "No colours in the interactive shell (as when NO_COLOR is set).")
    private boolean noColor;

    @Mixin
    private TransportOptions transportOptions = new TransportOptions();

    @Mixin
    private FanoutOptions fanoutOptions = new FanoutOptions();

    private final ClientIo io;
    private final StartupTimes times;
    /** -c and -f values in command-line order (picocli keeps them in two separate lists). */
    private final List<ScriptArg> scriptArgs = new ArrayList<>();

    private ClientMain(ClientIo io, StartupTimes times) {
        this.io = io;
        this.times = times;
    }

    /** Runs the client in the real process. The only {@code System.exit} of the client. */
    public static void main(String[] args) {
        // First, so that the jvm phase of RSHELL_TIMING ends here and not after ClientIo's work.
        long enteredNanos = System.nanoTime();
        long enteredMillis = System.currentTimeMillis();
        ClientIo io = ClientIo.system();
        System.exit(run(args, io, StartupTimes.from(io.env(), enteredNanos, enteredMillis)));
    }

    /**
     * Runs the client with injected streams, timed when {@code RSHELL_TIMING} is set in its
     * environment.
     *
     * @return the exit status; never throws at the user
     */
    public static int run(String[] args, ClientIo io) {
        return run(args, io, StartupTimes.from(io.env(), System.nanoTime(), System.currentTimeMillis()));
    }

    private static int run(String[] args, ClientIo io, StartupTimes times) {
        ClientMain fast = new ClientMain(io, times);
        int status = fast.parseCommonForm(args) ? fast.callAsPicocliWould() : runPicocli(args, io, times);
        io.out().flush();
        if (times.on()) {
            io.err().print(times.line() + "\n");
        }
        io.err().flush();
        return status;
    }

    /**
     * The client's picocli command line: every form of the arguments, help, version, the
     * subcommands and every usage error. {@link #parseCommonForm} spares the common forms its
     * cost (see there).
     */
    private static int runPicocli(String[] args, ClientIo io, StartupTimes times) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(io.out(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(io.err(), StandardCharsets.UTF_8), true);
        CommandLine cli = commandLine(new ClientMain(io, times), io);
        cli.setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((ex, a) -> {
                    String name = ex.getCommandLine().getCommandSpec().qualifiedName();
                    err.print(name + ": " + oneLine(ex.getMessage()) + " (try " + name + " --help)\n");
                    return ExitStatus.USAGE;
                })
                .setExecutionExceptionHandler((ex, c, parsed) -> {
                    err.print(internalError(ex));
                    return ExitStatus.CONNECTION_FAILURE;
                });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** The picocli model of {@code root}, with its subcommands, parsing as the client does. */
    static CommandLine commandLine(ClientMain root, ClientIo io) {
        // Subcommands are added before the handlers are set, so the handlers apply to them too.
        return new CommandLine(root)
                .addSubcommand("keygen", new KeygenCommand(io))
                .addSubcommand("bench", new BenchCommand(io))
                .setStopAtPositional(true);
    }

    /** A root for {@link #commandLine} or {@link #parseCommonForm}, without timing. */
    static ClientMain root(ClientIo io) {
        return new ClientMain(io, StartupTimes.OFF);
    }

    /** {@link #call()} as picocli's {@code execute} runs it, with the same execution handler. */
    private int callAsPicocliWould() {
        try {
            return call();
        } catch (RuntimeException ex) {
            io.err().print(internalError(ex));
            return ExitStatus.CONNECTION_FAILURE;
        }
    }

    /** A bug: still one line, still no stack trace for the user. */
    private static String internalError(Exception ex) {
        return "rshell: internal error: " + ex.getClass().getSimpleName()
                + (ex.getMessage() == null ? "" : ": " + oneLine(ex.getMessage())) + "\n";
    }

    /**
     * Parses the common forms of the command line without picocli, into the same fields.
     *
     * <p>Why: picocli builds its model of every option by reflection, and its classes (compiled
     * for Java 5) can't go into the AppCDS archive; together they cost a one-shot call about as
     * much as its TLS handshake. The forms taken here are those of scripts and people: options
     * by their exact names, each value as the next argument (or {@code --long=value}), then the
     * host, then the command's words. Anything else (help, version, subcommands, {@code --},
     * {@code @files}, attached short values, a repeated option, a value that looks like an
     * option, a number picocli might read differently) returns false before anything ran, and
     * picocli parses the whole line as it always did, with its own messages. A test checks
     * that both parsers fill the fields alike.
     *
     * @return true when every argument was taken; false to leave the line to picocli
     */
    boolean parseCommonForm(String[] args) {
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && !args[i].equals("-"); i++) {
            String name = args[i];
            String value = null;
            int eq = name.indexOf('=');
            if (name.startsWith("--") && eq > 2) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (isFlag(name)) {
                if (value != null || !setFlag(name)) {
                    return false;
                }
                continue;
            }
            if (value == null) {
                // -c and -f take the next argument whatever it looks like (ScriptArgConsumer);
                // for the others, an option-like next argument is something picocli judges.
                boolean script = isScript(name);
                if (i + 1 >= args.length || args[i + 1].startsWith("@")
                        || (!script && args[i + 1].startsWith("-"))) {
                    return false;
                }
                value = args[++i];
            } else if (value.startsWith("-") || value.startsWith("@")) {
                return false;
            }
            if (!setValue(name, value)) {
                return false;
            }
        }
        if (i < args.length) {
            if (args[i].startsWith("@") || args[i].equals("-") || args[i].equals("keygen") || args[i].equals("bench")) {
                return false;
            }
            target = args[i];
            for (i++; i < args.length; i++) {
                if (args[i].startsWith("@")) {
                    return false; // picocli reads @FILE as more arguments
                }
                words.add(args[i]);
            }
        }
        // No host: plan() says so, in picocli's words.
        return true;
    }

    private static boolean isFlag(String name) {
        return switch (name) {
            case "-e", "--errexit", "-n", "--no-stdin", "--no-color", "--no-tls", "--tls12", "--accept-new" -> true;
            default -> false;
        };
    }

    private static boolean isScript(String name) {
        return switch (name) {
            case "-c", "--command", "-f", "--file" -> true;
            default -> false;
        };
    }

    /** Sets a flag; false when it was set already (picocli refuses a repeated option). */
    private boolean setFlag(String name) {
        switch (name) {
            case "-e", "--errexit" -> {
                boolean fresh = !stopOnError;
                stopOnError = true;
                return fresh;
            }
            case "--no-color" -> {
                boolean fresh = !noColor;
                noColor = true;
                return fresh;
            }
            case "-n", "--no-stdin" -> {
                boolean fresh = !noStdin;
                noStdin = true;
                return fresh;
            }
            default -> {
                return transportOptions.take(name, null) == TransportOptions.Taken.FLAG;
            }
        }
    }

    /** Sets an option's value; false for an unknown option, a repeat, or a value to leave to picocli. */
    private boolean setValue(String name, String value) {
        switch (name) {
            case "-c", "--command", "-f", "--file" -> {
                scriptArgs.add(new ScriptArg(name.equals("-c") || name.equals("--command") ? "-c" : "-f", value));
                return true;
            }
            case "-u", "--user" -> {
                boolean fresh = user == null;
                user = value;
                return fresh;
            }
            case "-p", "--port" -> {
                boolean fresh = port == null;
                port = value;
                return fresh;
            }
            case "--keepalive" -> {
                boolean fresh = keepalive == null;
                keepalive = value;
                return fresh;
            }
            case "--connect-timeout" -> {
                boolean fresh = !connectTimeoutGiven;
                connectTimeout = value;
                connectTimeoutGiven = true;
                return fresh;
            }
            case "--window" -> {
                // Plain decimal only: every integer parser reads it alike.
                if (windowGiven || !value.matches("0|[1-9][0-9]{0,8}")) {
                    return false;
                }
                window = Integer.parseInt(value);
                windowGiven = true;
                return true;
            }
            case "--stdin-to" -> {
                // Plain decimal only, as for --window.
                if (stdinTo != null || !value.matches("0|[1-9][0-9]{0,8}")) {
                    return false;
                }
                stdinTo = Integer.parseInt(value);
                return true;
            }
            case "--password-file" -> {
                if (passwordFile != null) {
                    return false;
                }
                try {
                    passwordFile = Path.of(value);
                } catch (java.nio.file.InvalidPathException e) {
                    return false;
                }
                return true;
            }
            default -> {
                return transportOptions.take(name, value) == TransportOptions.Taken.VALUE;
            }
        }
    }

    @Override
    public Integer call() {
        times.mark(StartupTimes.Phase.ARGS);
        if (FanoutMode.applies(target, fanoutOptions)) {
            if (stdinTo != null) {
                // Each host would need its own copy of the stream; none gets it (as -n).
                io.err().print("rshell: --stdin-to gives standard input to one host's command; it can't be"
                        + " used with many hosts (try rshell --help)\n");
                return ExitStatus.USAGE;
            }
            return new FanoutMode(io, fanoutOptions, transportOptions, new FanoutMode.Common(target, words, user, port,
                    scriptArgs, stopOnError, passwordFile, connectTimeout, window, keepalive)).run();
        }
        Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            io.err().print("rshell: " + e.getMessage() + " (try rshell --help)\n");
            return ExitStatus.USAGE;
        } catch (SessionFailure e) {
            io.err().print("rshell: " + e.getMessage() + "\n");
            return ExitStatus.CONNECTION_FAILURE;
        }
        try (Script script = new Script(plan.inputs())) {
            // A bad line in a file or -c fails before anything runs.
            long commands = script.precheck();
            BatchSettings settings = plan.settings().withStdinTo(stdinTarget(plan, commands));
            times.mark(StartupTimes.Phase.SETUP);
            return runSession(plan, script, settings);
        } catch (ScriptProblem p) {
            io.err().print("rshell: " + p.getMessage() + "\n");
            return ExitStatus.USAGE;
        } catch (IllegalArgumentException e) {
            io.err().print("rshell: " + e.getMessage() + " (try rshell --help)\n");
            return ExitStatus.USAGE;
        }
    }

    /**
     * Which command gets the client's standard input, as {@code ssh host cmd} gives it to its
     * command: {@code --stdin-to N}'s N; else the script's one command when it came from the
     * words after the host or one {@code -c} and stdin is no terminal; else none (0). Never
     * with {@code -n}, nor when stdin holds the script ({@link #plan} refuses those with
     * {@code --stdin-to}).
     *
     * @param commands how many commands the script holds (its inputs are not stdin when it matters)
     */
    private long stdinTarget(Plan plan, long commands) {
        if (noStdin || plan.inputs().stream().anyMatch(i -> i instanceof Script.Input.Stdin)) {
            return 0;
        }
        if (stdinTo != null) {
            if (stdinTo > commands) {
                throw new IllegalArgumentException("bad --stdin-to " + stdinTo + ": the script has "
                        + (commands == 1 ? "1 command" : commands + " commands"));
            }
            return stdinTo;
        }
        boolean oneSource = !words.isEmpty() || scriptArgs.size() == 1 && scriptArgs.get(0).option().equals("-c");
        return oneSource && commands == 1 && !io.inputIsTerminal() ? 1 : 0;
    }

    /**
     * The single seam between the two modes: with a terminal on stdin and stdout and no
     * commands given ({@code plan.interactive()}), the JLine shell; otherwise, or when no usable
     * terminal can be opened (said in one line on stderr, never a silent "dumb" terminal),
     * batch mode.
     */
    private int runSession(Plan plan, Script script, BatchSettings settings) {
        if (plan.interactive()) {
            Terminal terminal;
            try {
                terminal = io.terminal().open();
            } catch (IOException e) {
                io.err().print("rshell: no usable terminal (" + oneLine(e.getMessage())
                        + "); reading commands line by line as in batch mode\n");
                io.err().flush();
                return report(runBatch(plan, script, settings));
            }
            return runInteractive(plan, terminal);
        }
        return report(runBatch(plan, script, settings));
    }

    private int runInteractive(Plan plan, Terminal terminal) {
        ShellOutcome outcome;
        try {
            outcome = InteractiveShell.run(plan.spec(), terminal, ShellSettings.of(io.env(), noColor,
                    plan.keepalive(), plan.spec().host(), plan.spec().port()));
        } finally {
            try {
                terminal.close();
            } catch (IOException e) {
                // restoring the terminal is best effort
            }
        }
        if (outcome instanceof ShellOutcome.Ended ended) {
            return ended.status();
        }
        io.err().print("rshell: " + ((ShellOutcome.Failed) outcome).message() + "\n");
        return ExitStatus.CONNECTION_FAILURE;
    }

    /** Batch mode, with {@code --keepalive} watching the connection when given. */
    private BatchOutcome runBatch(Plan plan, Script script, BatchSettings settings) {
        BatchRunner runner = new BatchRunner(settings, io.in(), io.out(), io.err());
        if (plan.keepalive() == null) {
            return runner.run(plan.spec(), script);
        }
        try (WireKeepalive watch = WireKeepalive.attach(plan.spec(), plan.keepalive())) {
            BatchOutcome outcome = runner.run(watch.spec(), script);
            if (watch.silent()) {
                return new BatchOutcome.Failed(watch.silenceMessage());
            }
            if (outcome instanceof BatchOutcome.Failed failed) {
                return new BatchOutcome.Failed(watch.explain(failed.message()));
            }
            return outcome;
        }
    }

    private int report(BatchOutcome outcome) {
        if (outcome instanceof BatchOutcome.Completed done) {
            return done.status();
        }
        if (outcome instanceof BatchOutcome.OutputFailed gone) {
            if (gone.message() != null) {
                io.err().print("rshell: " + gone.message() + "\n");
            }
            return gone.status();
        }
        if (outcome instanceof BatchOutcome.ScriptError bad) {
            io.err().print("rshell: " + bad.message() + "\n");
            return ExitStatus.USAGE;
        }
        io.err().print("rshell: " + ((BatchOutcome.Failed) outcome).message() + "\n");
        return ExitStatus.CONNECTION_FAILURE;
    }

    /** What to do, with every option checked; IllegalArgumentException names the problem. */
    private record Plan(SessionSpec spec, List<Script.Input> inputs, BatchSettings settings,
                        boolean interactive, Duration keepalive) {
    }

    private Plan plan() throws SessionFailure {
        if (target == null) {
            throw new IllegalArgumentException("missing required parameter: '[USER@]HOST[:PORT]'");
        }
        Target t = Target.parse(target);
        if (t.user() != null && user != null) {
            throw new IllegalArgumentException("user given twice: " + Text.quote(t.user())
                    + "@ before the host and -u " + Text.quote(user));
        }
        if (t.port() != null && port != null) {
            throw new IllegalArgumentException("port given twice: :" + t.port() + " after the host and -p "
                    + Text.quote(port));
        }
        int p = port != null ? Target.parsePort(port, "for -p") : t.port() != null ? t.port() : Protocol.DEFAULT_PORT;
        String u = t.user() != null ? t.user() : user != null ? user : io.localUser();
        if ((u == null || u.isEmpty()) && t.user() == null && user == null) {
            throw new IllegalArgumentException("no user: the local login name is unknown; give USER@ or -u");
        }
        Target.checkUser(u);
        if (window < 1 || window > BatchSettings.MAX_WINDOW) {
            throw new IllegalArgumentException("bad --window " + window + ": must be 1 to " + BatchSettings.MAX_WINDOW);
        }
        if (!words.isEmpty() && !scriptArgs.isEmpty()) {
            throw new IllegalArgumentException("a command after the host can't be combined with -c or -f");
        }
        if (stdinTo != null && noStdin) {
            throw new IllegalArgumentException("-n sends no standard input; it can't be combined with --stdin-to");
        }
        if (stdinTo != null && stdinTo < 1) {
            throw new IllegalArgumentException("bad --stdin-to " + stdinTo + ": must be a command's number, 1 or more");
        }
        boolean scriptOnStdin = words.isEmpty() && (scriptArgs.isEmpty()
                || scriptArgs.stream().anyMatch(a -> a.option().equals("-f") && a.value().equals("-")));
        if (stdinTo != null && scriptOnStdin) {
            throw new IllegalArgumentException("--stdin-to: standard input holds the commands (no command"
                    + " given, or -f -), so it can't be a command's input too");
        }
        List<Script.Input> inputs = new ArrayList<>();
        if (!words.isEmpty()) {
            inputs.add(new Script.Input.Text(String.join(" ", words), "arguments"));
        }
        int commandCount = 0;
        for (ScriptArg arg : scriptArgs) {
            if (arg.option().equals("-c")) {
                inputs.add(new Script.Input.Text(arg.value(), "-c #" + ++commandCount));
            } else if (arg.value().equals("-")) {
                inputs.add(new Script.Input.Stdin(io.in()));
            } else {
                inputs.add(new Script.Input.File(Path.of(arg.value())));
            }
        }
        boolean interactive = false;
        if (inputs.isEmpty()) {
            inputs.add(new Script.Input.Stdin(io.in()));
            interactive = io.stdinIsTerminal();
        }
        Duration timeout = seconds(connectTimeout, "--connect-timeout");
        Duration keepaliveEvery = keepalive == null ? null : seconds(keepalive, "--keepalive");
        // Lazy: asked only after a hello that wants a password, never after a certificate login.
        Passwords passwords = new Passwords(passwordFile, io.env(), io.prompt(), u + "@" + t.host() + "'s password: ");
        boolean userGiven = t.user() != null || user != null;
        SessionSpec spec = new SessionSpec(transportOptions.transport(io), t.host(), p, u, userGiven, passwords, timeout,
                times);
        return new Plan(spec, inputs, new BatchSettings(window, stopOnError), interactive, keepaliveEvery);
    }

    /** A number of seconds given with {@code option}: more than 0, at most a day, to the ms. */
    static Duration seconds(String value, String option) {
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            if (seconds.signum() > 0 && seconds.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad " + option + " " + Text.quote(value)
                + ": must be seconds, more than 0 and at most 86400");
    }

    /** The first line of a picocli message, starting lower case like the client's own. */
    private static String oneLine(String message) {
        String line = message == null ? "bad arguments" : message.strip().lines().findFirst().orElse("bad arguments");
        if (line.length() > 1 && Character.isUpperCase(line.charAt(0)) && Character.isLowerCase(line.charAt(1))) {
            line = Character.toLowerCase(line.charAt(0)) + line.substring(1);
        }
        return line;
    }

    /** One {@code -c} or {@code -f} value; {@code option} is "-c" or "-f". */
    record ScriptArg(String option, String value) {
    }

    /** Keeps {@code -c} and {@code -f} values in one list, in the order they were given. */
    static final class ScriptArgConsumer implements CommandLine.IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            OptionSpec option = (OptionSpec) argSpec;
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "missing " + option.paramLabel() + " after " + option.shortestName());
            }
            ((ClientMain) commandSpec.userObject()).scriptArgs.add(new ScriptArg(option.shortestName(), args.pop()));
        }
    }

    /** "rshell VERSION": the jar manifest's Implementation-Version, else a bundled resource. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"rshell " + version()};
        }

        static String version() {
            String fromManifest = ClientMain.class.getPackage().getImplementationVersion();
            if (fromManifest != null) {
                return fromManifest;
            }
            // Outside the jar (tests, IDE). Kept in step with the pom's version by hand.
            try (InputStream in = ClientMain.class.getResourceAsStream("version.txt")) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
                }
            } catch (IOException e) {
                // fall through
            }
            return "unknown";
        }
    }
}
