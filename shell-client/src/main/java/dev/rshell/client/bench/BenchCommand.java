package dev.rshell.client.bench;

import dev.rshell.client.ClientIo;
import dev.rshell.client.SecretFile;
import dev.rshell.client.connect.PasswordSource;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.SessionSpec;
import dev.rshell.client.connect.Target;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.config.source.Text;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import dev.rshell.client.TransportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rshell bench [OPTIONS] [USER@]HOST[:PORT]}: the benchmark, in the spirit of
 * redis-benchmark. Opens {@code --clients} logged-in sessions, keeps {@code --pipeline}
 * commands in flight on each until {@code --requests} commands (or {@code --duration}) are
 * done, after {@code --warmup} unmeasured ones, and reports commands/s, latency percentiles, a
 * latency histogram and the errors by kind. {@code --baseline} runs the same load against an
 * in-process raw echo server ({@link BaselineEchoServer}) in the same run and prints every
 * figure's ratio rshell/baseline; {@code --sessions N} holds N idle sessions open during the run
 * and reports the server's memory and threads from its {@code stats} built-in. {@code --json}
 * prints one JSON object instead ({@link JsonReport}).
 *
 * <p>Target and login options are the client's own, with the same meaning and checks:
 * {@code -u}, {@code -p}, {@code --password-file} or {@code RSHELL_PASSWORD} (or a prompt, asked
 * once for all sessions), {@code --connect-timeout}, {@code --no-tls}, {@code --tls12},
 * {@code --accept-new}, {@code --fingerprint}, {@code --truststore}, {@code --identity}. The
 * server is verified once, on the first connection, then pinned ({@link PinFirstTrust}).
 *
 * <p>Exit statuses: 0 every measured command ended with status 0; 1 some ended with another
 * status; 2 usage error (one line); 255 can't connect, verify the server or log in, or a
 * connection failed during the run (protocol error, disconnect, {@code --timeout}); the report is
 * printed in the last case.
 *
 * <p>Register it in {@code ClientMain.run} next to {@code keygen}:
 * {@code .addSubcommand("bench", new BenchCommand(io))}.
 *
 * <p>Thread safety: one instance per run, called on the main thread.
 */
@Command(name = "bench", sortOptions = false,
        header = "Measures an rshell server: commands/s, latency percentiles and histogram, errors.",
        customSynopsis = "rshell bench [OPTIONS] [USER@]HOST[:PORT]",
        description = {
            "Each client is its own connection and login, and keeps --pipeline commands in flight. "
                + "A command's latency is the time from writing it to its end line. --warmup "
                + "commands go first and are not measured; measuring starts when every client is "
                + "warmed up.",
            "",
            "--baseline runs the same load, in the same run, against a raw echo server inside the "
                + "bench on 127.0.0.1 (one line in, one line out, with TLS when rshell uses it), and "
                + "prints each figure's ratio rshell/baseline.",
            "",
            "A progress line is shown on a terminal for runs longer than a second.",
            ""},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
            "0:every measured command ended with status 0",
            "1:some commands ended with another status",
            "2:usage error",
            "255:can't connect, verify the server or log in, or a connection failed during the run"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  RSHELL_PASSWORD            the password, when --password-file is not given",
            "  RSHELL_IDENTITY_PASSWORD   the --identity password",
            "  RSHELL_HOME                the client's directory with known_hosts"})
public final class BenchCommand implements Callable<Integer> {

    /** Most clients, sessions and pipeline depth: generous, but bounded. */
    static final int MAX_CLIENTS = 10_000;
    static final int MAX_PIPELINE = 4096;
    static final int MAX_SESSIONS = 100_000;
    /** Most latencies kept exactly, over all clients (80 MB); more go to the histogram only. */
    static final long MAX_EXACT_SAMPLES = 10_000_000;
    static final long DEFAULT_REQUESTS = 10_000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "[USER@]HOST[:PORT]",
            description = "The server, as for rshell. Default port " + Protocol.DEFAULT_PORT + ".")
    private String target;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "1",
            description = "Connections, each with its own login (1-" + MAX_CLIENTS + ", default ${DEFAULT-VALUE}).")
    private int clients;

    @Option(names = "--requests", paramLabel = "N",
            description = "Measured commands in all, shared among the clients (default " + DEFAULT_REQUESTS
                    + "). Not with --duration.")
    private Long requests;

    @Option(names = "--duration", paramLabel = "SECONDS",
            description = "Send measured commands for this long instead of a count (at most 86400).")
    private String duration;

    @Option(names = "--pipeline", paramLabel = "K", defaultValue = "1",
            description = "Commands in flight per client (1-" + MAX_PIPELINE + ", default ${DEFAULT-VALUE}).")
    private int pipeline;

    @Option(names = "--command", paramLabel = "CMD", defaultValue = "echo hi",
            description = "The command line to send (default: ${DEFAULT-VALUE}). One foreground command.")
    private String command;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000",
            description = "Commands in all sent first and not measured (default ${DEFAULT-VALUE}).")
    private long warmup;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "0",
            description = "Hold N more logged-in idle sessions open during the run, and show the server's "
                    + "resident memory and threads (its stats command) before and after (0-" + MAX_SESSIONS + ").")
    private int sessions;

    @Option(names = "--baseline",
            description = "Also run the same load against a raw echo server in this process, and show ratios.")
    private boolean baseline;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    private boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a connection whose commands don't end for this long (default ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = {"-u", "--user"}, paramLabel = "USER",
            description = "Log in as USER (default: the local login name). Not with USER@.")
    private String user;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            description = "The server's port (default " + Protocol.DEFAULT_PORT + "). Not with :PORT.")
    private String port;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE. Otherwise RSHELL_PASSWORD, "
                    + "otherwise a prompt (once).")
    private Path passwordFile;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Limit for connecting, hello and login, each (default ${DEFAULT-VALUE}).")
    private String connectTimeout;

    @Mixin
    private TransportOptions transportOptions = new TransportOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    private final ClientIo io;

    public BenchCommand(ClientIo io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Bench.Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            return fail(ExitStatus.USAGE, e.getMessage() + " (try rshell bench --help)");
        } catch (SessionFailure e) {
            return fail(ExitStatus.CONNECTION_FAILURE, e.getMessage());
        }
        ProgressLine progress = io.stdinIsTerminal() ? ProgressLine.on(io.out()) : ProgressLine.disabled();
        BenchResult result;
        try {
            result = new Bench(plan, progress).run();
        } catch (SessionFailure e) {
            return fail(ExitStatus.CONNECTION_FAILURE, e.getMessage());
        }
        io.out().print(json ? JsonReport.render(result) + "\n" : TextReport.render(result));
        io.out().flush();
        return result.exitStatus();
    }

    private int fail(int status, String message) {
        io.err().print("rshell bench: " + message + "\n");
        io.err().flush();
        return status;
    }

    /** Every option checked; IllegalArgumentException names the first problem. */
    private Bench.Plan plan() throws SessionFailure {
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
        boolean userGiven = t.user() != null || user != null;
        String u = t.user() != null ? t.user() : user != null ? user : io.localUser();
        if (u == null || u.isEmpty()) {
            throw new IllegalArgumentException("no user: the local login name is unknown; give USER@ or -u");
        }
        Target.checkUser(u);
        LoadSettings load = load();
        if (sessions < 0 || sessions > MAX_SESSIONS) {
            throw new IllegalArgumentException("bad --sessions " + sessions + ": must be 0 to " + MAX_SESSIONS);
        }
        Duration connect = seconds(connectTimeout, "--connect-timeout");
        PasswordSource password = new OncePassword(passwordFile, io, u + "@" + t.host() + "'s password: ");
        SessionSpec spec = new SessionSpec(transportOptions.transport(io, PinFirstTrust::new), t.host(), p, u, userGiven, password, connect);
        return new Bench.Plan(Endpoint.rshell(spec), spec.authority(), !transportOptions.plain(), transportOptions.tls12(), connect, load, sessions,
                baseline);
    }

    private LoadSettings load() {
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("bad --clients " + clients + ": must be 1 to " + MAX_CLIENTS);
        }
        if (pipeline < 1 || pipeline > MAX_PIPELINE) {
            throw new IllegalArgumentException("bad --pipeline " + pipeline + ": must be 1 to " + MAX_PIPELINE);
        }
        if (requests != null && duration != null) {
            throw new IllegalArgumentException("--requests and --duration can't be combined");
        }
        if (requests != null && requests < 1) {
            throw new IllegalArgumentException("bad --requests " + requests + ": must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("bad --warmup " + warmup + ": must be 0 or more");
        }
        checkCommand(command);
        Duration runFor = duration == null ? null : seconds(duration, "--duration");
        long count = runFor != null ? 0 : requests != null ? requests : DEFAULT_REQUESTS;
        long cap = Math.min(MAX_EXACT_SAMPLES, Runtime.getRuntime().maxMemory() / 48);
        return new LoadSettings(clients, count, runFor, pipeline, command, warmup, seconds(timeout, "--timeout"), cap);
    }

    /** One foreground command line: the bench counts one {@code end} per line it sends. */
    static void checkCommand(String command) {
        if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("bad --command: must be one line");
        }
        String s = command.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            throw new IllegalArgumentException("bad --command " + Text.quote(command)
                    + ": has no words, so the server would not run it");
        }
        if (s.startsWith(":")) {
            throw new IllegalArgumentException("bad --command " + Text.quote(command)
                    + ": a line starting with ':' is a control line, not a command");
        }
        if (s.equals("&") || s.endsWith(" &") || s.endsWith("\t&")) {
            throw new IllegalArgumentException("bad --command " + Text.quote(command)
                    + ": a background command (trailing &) can't be measured");
        }
    }


    /** Seconds, more than 0 and at most a day, to the millisecond (rounded up). */
    static Duration seconds(String text, String option) {
        try {
            BigDecimal s = new BigDecimal(text.trim());
            if (s.signum() > 0 && s.compareTo(BigDecimal.valueOf(86_400)) <= 0) {
                return Duration.ofMillis(s.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new IllegalArgumentException("bad " + option + " " + Text.quote(text)
                + ": must be seconds, more than 0 and at most 86400");
    }

    /**
     * The password, looked up once for all the bench's sessions: {@code --password-file}, else
     * {@code RSHELL_PASSWORD}, else a prompt. Asked only when a server's {@code hello} wants a
     * password (never with a certificate login).
     *
     * <p>Thread safety: {@link #password} is synchronized; sessions log in from several threads.
     */
    static final class OncePassword implements PasswordSource {
        static final String ENV = "RSHELL_PASSWORD";

        private final Path file;
        private final ClientIo io;
        private final String promptText;
        private String password;

        OncePassword(Path file, ClientIo io, String promptText) {
            this.file = file;
            this.io = io;
            this.promptText = promptText;
        }

        @Override
        public synchronized String password() throws SessionFailure {
            if (password == null) {
                password = lookUp();
            }
            return password;
        }

        private String lookUp() throws SessionFailure {
            if (file != null) {
                try {
                    return SecretFile.firstLine(file, "--password-file");
                } catch (SecretFile.Unreadable e) {
                    throw new SessionFailure(e.getMessage());
                }
            }
            String env = io.env().get(ENV);
            if (env != null) {
                return env;
            }
            char[] typed = io.prompt().readPassword(promptText);
            if (typed == null) {
                throw new SessionFailure("no password: use --password-file or " + ENV);
            }
            String p = new String(typed);
            Arrays.fill(typed, '\0');
            return p;
        }
    }
}
