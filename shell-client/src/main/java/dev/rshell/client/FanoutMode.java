package dev.rshell.client;

import dev.rshell.client.batch.Script;
import dev.rshell.client.batch.ScriptLine;
import dev.rshell.client.batch.ScriptProblem;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.Target;
import dev.rshell.client.connect.Transport;
import dev.rshell.client.fanout.FanoutOutput;
import dev.rshell.client.fanout.FanoutResult;
import dev.rshell.client.fanout.FanoutRunner;
import dev.rshell.client.fanout.FanoutSettings;
import dev.rshell.client.fanout.FoldedPrinter;
import dev.rshell.client.fanout.Gatherer;
import dev.rshell.client.fanout.GroupsFile;
import dev.rshell.client.fanout.Host;
import dev.rshell.client.fanout.HostConnector;
import dev.rshell.client.fanout.HostSelection;
import dev.rshell.client.fanout.HostSetException;
import dev.rshell.client.fanout.JsonLinesWriter;
import dev.rshell.client.fanout.OutdirWriter;
import dev.rshell.client.fanout.StreamingPrinter;
import dev.rshell.client.batch.BatchSettings;
import dev.rshell.common.protocol.ExitStatus;
import dev.rshell.common.protocol.Protocol;
import dev.rshell.config.source.Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client's fan-out mode (issue 12): the same commands on every host of a host set, through
 * {@link FanoutRunner}, with streaming, gathered ({@code -b}), diffed, JSON or per-file output
 * and a summary on stderr. {@link ClientMain} hands a line over here when
 * {@link #applies} says so; a plain single host never comes here.
 *
 * <p>Order of work: every option is checked first (a usage error is status 2 with one line:
 * a bad range, an unknown or empty group, a bad option value); then the script is read whole
 * (it is the same for every host); then the hosts run; then the gathered output, the summary
 * (for more than one host) and the status of {@link FanoutResult#exitStatus()}.
 *
 * <p>Ctrl-C ({@link InterruptSignal}): the first calls {@link FanoutRunner#interruptAll()} and
 * the run still prints what it gathered and the summary; the second ends the process at once
 * with 130.
 *
 * <p>Trust: hosts connect in parallel, so nobody is asked about an unknown server: it is not
 * trusted unless {@code --accept-new} (or {@code --fingerprint}, {@code --truststore}).
 *
 * <p>Standard input is not given to the commands here (they read an empty input), and
 * {@code --keepalive} is for one host.
 *
 * <p>Thread safety: one run, on the caller's thread; the runner's threads are its own.
 */
final class FanoutMode {

    /**
     * What the root command line gave, besides the fan-out options.
     *
     * @param target         the first positional word (with {@code -H}/{@code --hosts-file}, a command word)
     * @param words          the words after it
     * @param user           {@code -u}, or null
     * @param port           {@code -p}, or null
     * @param scriptArgs     {@code -c} and {@code -f} in order
     * @param connectTimeout {@code --connect-timeout} as written
     * @param keepalive      {@code --keepalive} as written, or null
     */
    record Common(String target, List<String> words, String user, String port, List<ClientMain.ScriptArg> scriptArgs,
                  boolean stopOnError, Path passwordFile, String connectTimeout, int window, String keepalive) {
    }

    private final ClientIo io;
    private final FanoutOptions options;
    private final TransportOptions transport;
    private final Common common;

    FanoutMode(ClientIo io, FanoutOptions options, TransportOptions transport, Common common) {
        this.io = io;
        this.options = options;
        this.transport = transport;
        this.common = common;
    }

    /** Whether the line is a fan-out: a fan-out option, or a target written as a host set. */
    static boolean applies(String target, FanoutOptions options) {
        return options.anyGiven() || FanoutOptions.isHostSet(target);
    }

    /** Runs, and returns the exit status; never throws at the user. */
    int run() {
        Plan plan;
        try {
            plan = plan();
        } catch (IllegalArgumentException e) {
            io.err().print("rshell: " + e.getMessage() + " (try rshell --help)\n");
            return ExitStatus.USAGE;
        } catch (ScriptProblem p) {
            io.err().print("rshell: " + p.getMessage() + "\n");
            return ExitStatus.USAGE;
        } catch (SessionFailure e) {
            io.err().print("rshell: " + e.getMessage() + "\n");
            return ExitStatus.CONNECTION_FAILURE;
        }
        Gatherer gatherer = options.gather || options.diff ? new Gatherer(plan.gatherLimit()) : null;
        List<FanoutOutput> outputs = new ArrayList<>();
        if (options.json) {
            outputs.add(new JsonLinesWriter(io.out()));
        } else if (gatherer != null) {
            outputs.add(gatherer);
        } else {
            outputs.add(new StreamingPrinter(io.out(), io.err(), !options.noPrefix));
        }
        OutdirWriter outdir = null;
        if (options.outdir != null) {
            try {
                outdir = new OutdirWriter(Path.of(options.outdir));
            } catch (IOException | InvalidPathException e) {
                io.err().print("rshell: can't use --outdir " + options.outdir + ": " + oneLine(e) + "\n");
                return ExitStatus.CONNECTION_FAILURE;
            }
            outputs.add(outdir);
        }
        FanoutRunner runner = new FanoutRunner(plan.settings(), plan.connector(),
                FanoutOutput.all(outputs.toArray(new FanoutOutput[0])));
        FanoutResult result;
        try (InterruptSignal signal = InterruptSignal.install(runner::interruptAll, this::quitNow)) {
            result = runner.run(plan.hosts(), plan.lines());
        }
        if (gatherer != null) {
            if (options.diff) {
                FoldedPrinter.diff(gatherer.groups(), gatherer.limit(), io.out(), io.err());
            } else {
                FoldedPrinter.gathered(gatherer.groups(), gatherer.limit(), io.out(), io.err());
            }
        }
        io.out().flush();
        if (plan.hosts().size() > 1) {
            for (String line : result.summary()) {
                io.err().print(line + "\n");
            }
        }
        int status = result.exitStatus();
        if (outdir != null && outdir.problem() != null) {
            io.err().print("rshell: --outdir: " + outdir.problem() + "\n");
            status = ExitStatus.CONNECTION_FAILURE;
        }
        io.err().flush();
        return status;
    }

    /** The second Ctrl-C: what was printed is flushed, and the process ends with 130. */
    private void quitNow() {
        io.out().flush();
        io.err().print("rshell: interrupted again; quitting\n");
        io.err().flush();
        // The one exit outside ClientMain.main: main is blocked in the run and can't return yet.
        Runtime.getRuntime().halt(ExitStatus.INTERRUPTED);
    }

    /** Everything checked, the hosts chosen and the script read. */
    private record Plan(List<Host> hosts, List<String> lines, FanoutSettings settings, HostConnector connector,
                        long gatherLimit) {
    }

    private Plan plan() throws ScriptProblem, SessionFailure {
        if (common.keepalive() != null) {
            throw new IllegalArgumentException("--keepalive is for one host; it can't be used with many");
        }
        if (options.json && (options.gather || options.diff)) {
            throw new IllegalArgumentException("--json can't be combined with " + (options.diff ? "--diff" : "-b"));
        }
        if (options.noPrefix && (options.gather || options.diff || options.json)) {
            throw new IllegalArgumentException("--no-prefix is for streamed lines; it can't be combined with "
                    + (options.json ? "--json" : options.diff ? "--diff" : "-b"));
        }
        if (common.window() < 1 || common.window() > BatchSettings.MAX_WINDOW) {
            throw new IllegalArgumentException("bad --window " + common.window() + ": must be 1 to "
                    + BatchSettings.MAX_WINDOW);
        }
        FanoutSettings settings = FanoutSettings.defaults();
        settings = new FanoutSettings(fanout(), settings.commandTimeout(), settings.interruptGrace(), common.window(),
                common.stopOnError());
        if (options.commandTimeout != null) {
            settings = settings.withCommandTimeout(ClientMain.seconds(options.commandTimeout, "--command-timeout"));
        }
        long gatherLimit = options.gatherLimit == null ? Gatherer.DEFAULT_LIMIT : bytes(options.gatherLimit);
        Duration connectTimeout = ClientMain.seconds(common.connectTimeout(), "--connect-timeout");

        List<String> words = new ArrayList<>();
        HostSelection selection = new HostSelection(groups());
        if (options.hostsByOption()) {
            if (common.target() != null) {
                words.add(common.target());
            }
        } else if (common.target() == null) {
            throw new IllegalArgumentException("missing required parameter: '[USER@]HOST[:PORT]'");
        } else {
            selection.add(common.target());
        }
        words.addAll(common.words());
        for (String set : options.hosts) {
            selection.add(set);
        }
        for (String file : options.hostsFiles) {
            selection.addFile(path(file, "--hosts-file"));
        }
        for (String set : options.excluded) {
            selection.exclude(set);
        }
        Integer port = common.port() == null ? null : Target.parsePort(common.port(), "for -p");
        List<Host> hosts = selection.resolve(common.user(), port, io.localUser(), Protocol.DEFAULT_PORT);

        List<String> lines = script(words);
        // Checked once here, so a bad combination is a usage error before any host is tried.
        transport.transport(batchIo());
        Supplier<Transport> transports = () -> {
            try {
                return transport.transport(batchIo());
            } catch (SessionFailure e) {
                throw new IllegalStateException(e.getMessage(), e); // read fine a moment ago
            }
        };
        String promptText = "password for " + (hosts.size() == 1 ? hosts.get(0).user() + "@" + hosts.get(0).name()
                : hosts.size() + " hosts") + ": ";
        Passwords passwords = new Passwords(common.passwordFile(), io.env(), io.prompt(), promptText);
        return new Plan(hosts, lines, settings, HostConnector.of(transports, passwords, connectTimeout), gatherLimit);
    }

    /**
     * The command lines, read whole: the same for every host. From the words, else {@code -c}
     * and {@code -f} in order, else stdin when it is no terminal.
     */
    private List<String> script(List<String> words) throws ScriptProblem {
        if (!words.isEmpty() && !common.scriptArgs().isEmpty()) {
            throw new IllegalArgumentException("a command after the host can't be combined with -c or -f");
        }
        List<Script.Input> inputs = new ArrayList<>();
        if (!words.isEmpty()) {
            inputs.add(new Script.Input.Text(String.join(" ", words), "arguments"));
        }
        int commandCount = 0;
        for (ClientMain.ScriptArg arg : common.scriptArgs()) {
            if (arg.option().equals("-c")) {
                inputs.add(new Script.Input.Text(arg.value(), "-c #" + ++commandCount));
            } else if (arg.value().equals("-")) {
                inputs.add(new Script.Input.Stdin(io.in()));
            } else {
                inputs.add(new Script.Input.File(path(arg.value(), "-f")));
            }
        }
        if (inputs.isEmpty()) {
            if (io.stdinIsTerminal()) {
                throw new IllegalArgumentException("many hosts need a command: words after the hosts, -c or -f"
                        + " (there is no interactive shell for many hosts yet)");
            }
            inputs.add(new Script.Input.Stdin(io.in()));
        }
        List<String> lines = new ArrayList<>();
        try (Script script = new Script(inputs)) {
            for (ScriptLine line = script.next(); line != null; line = script.next()) {
                lines.add(line.text());
            }
        }
        return lines;
    }

    /** The groups file, read when a host set first names a group. */
    private Supplier<GroupsFile> groups() {
        return () -> GroupsFile.read(ClientHome.directory(io.env()).resolve("groups"));
    }

    /** The I/O for trust: never a terminal, so no server is asked about while hosts connect at once. */
    private ClientIo batchIo() {
        return new ClientIo(io.in(), io.out(), io.err(), io.env(), io.localUser(), false, io.prompt(), io.ask(),
                io.terminal());
    }

    private int fanout() {
        if (options.fanout == null) {
            return FanoutSettings.DEFAULT_FANOUT;
        }
        if (options.fanout.matches("[1-9][0-9]{0,6}")) {
            int n = Integer.parseInt(options.fanout);
            if (n <= FanoutSettings.MAX_FANOUT) {
                return n;
            }
        }
        throw new IllegalArgumentException("bad --fanout " + Text.quote(options.fanout) + ": must be 1 to "
                + FanoutSettings.MAX_FANOUT);
    }

    /** {@code --gather-limit}: bytes, or with K, M or G (powers of 1024); at least 1, at most 1 G. */
    private static long bytes(String text) {
        String t = text.strip();
        long unit = 1;
        if (!t.isEmpty()) {
            switch (Character.toUpperCase(t.charAt(t.length() - 1))) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                default -> unit = 1;
            }
            if (unit > 1) {
                t = t.substring(0, t.length() - 1);
            }
        }
        if (t.matches("[1-9][0-9]{0,9}")) {
            long n = Long.parseLong(t) * unit;
            if (n <= 1L << 30) {
                return n;
            }
        }
        throw new IllegalArgumentException("bad --gather-limit " + Text.quote(text)
                + ": must be bytes (K, M, G allowed), at least 1 and at most 1G");
    }

    private static Path path(String value, String option) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("bad " + option + " " + Text.quote(value));
        }
    }

    private static String oneLine(Exception e) {
        String m = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.strip().lines().findFirst().orElse("I/O error");
    }
}
