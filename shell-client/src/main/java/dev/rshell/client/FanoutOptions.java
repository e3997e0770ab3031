package dev.rshell.client;

import dev.rshell.client.fanout.FanoutSettings;
import dev.rshell.client.fanout.Gatherer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of many hosts (issue 12), a picocli mixin of {@link ClientMain}. Only picocli
 * reads them: {@code ClientMain}'s fast path does not know them and leaves any line that has
 * one to picocli, so a one-host line is parsed exactly as before.
 *
 * <p>What they mean is in {@link FanoutMode}; this class only holds what was written.
 *
 * <p>Thread safety: filled by the parser, then read by one thread.
 */
final class FanoutOptions {

    @Option(names = {"-H", "--hosts"}, paramLabel = "HOSTS",
            description = "More hosts (repeatable): a host set as for the target (a,b  web[01-20]  "
                    + "@GROUP). With -H or --hosts-file, every word after the options is the command.")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--hosts-file", paramLabel = "FILE",
            description = "More hosts from FILE, one host set a line, # comments (repeatable).")
    List<String> hostsFiles = new ArrayList<>();

    @Option(names = {"-x", "--exclude"}, paramLabel = "HOSTS",
            description = "Leave these hosts out (repeatable; a :PORT narrows to that port).")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--fanout", paramLabel = "N",
            description = "Many hosts: most sessions at once (1-" + FanoutSettings.MAX_FANOUT + ", default "
                    + FanoutSettings.DEFAULT_FANOUT + ").")
    String fanout;

    @Option(names = "--command-timeout", paramLabel = "SECONDS",
            description = "Many hosts: per host, from login to the last command's end; past it the "
                    + "host's command is interrupted and the host counts as timed out (default: none).")
    String commandTimeout;

    @Option(names = {"-b", "--gather"},
            description = "Many hosts: at the end, print identical output once under its folded hosts.")
    boolean gather;

    @Option(names = "--diff",
            description = "Many hosts: at the end, the largest group of identical output in full, the "
                    + "others as unified diffs against it.")
    boolean diff;

    @Option(names = "--gather-limit", paramLabel = "BYTES",
            description = "Output kept per host for -b and --diff (default " + (Gatherer.DEFAULT_LIMIT >> 20)
                    + "M; K, M, G allowed); past it that host's output is cut, and said so.")
    String gatherLimit;

    @Option(names = "--no-prefix",
            description = "Many hosts: stream lines without \"host: \" in front.")
    boolean noPrefix;

    @Option(names = "--json",
            description = "JSON lines on stdout, one event a line: output (host, stream, text) and "
                    + "each host's end (host, outcome, status, duration_ms, reason). Also for one host.")
    boolean json;

    @Option(names = "--outdir", paramLabel = "DIR",
            description = "Many hosts: also write each host's stdout and stderr to DIR/HOST.out and "
                    + "DIR/HOST.err, as the lines come.")
    String outdir;

    /** Whether any option of many hosts was given: then the run is a fan-out even for one host. */
    boolean anyGiven() {
        return !hosts.isEmpty() || !hostsFiles.isEmpty() || !excluded.isEmpty() || fanout != null
                || commandTimeout != null || gather || diff || gatherLimit != null || noPrefix || json
                || outdir != null;
    }

    /** Whether the target or {@code -H}/{@code --hosts-file} names the hosts (the target is then a command word). */
    boolean hostsByOption() {
        return !hosts.isEmpty() || !hostsFiles.isEmpty();
    }

    /**
     * Whether {@code target} is written as a host set rather than one host: a comma list, a range
     * ({@code [} other than an IPv6 address's), or a group ({@code @GROUP}, {@code USER@@GROUP}).
     * One host written plainly stays with the one-host client.
     */
    static boolean isHostSet(String target) {
        if (target == null) {
            return false;
        }
        if (target.indexOf(',') >= 0 || target.startsWith("@") || target.contains("@@")) {
            return true;
        }
        int open = target.indexOf('[');
        if (open < 0) {
            return false;
        }
        // A host part that starts with '[' is an IPv6 address (one host, with the one-host
        // client's errors, "[::1:22" included) unless its brackets hold a range without ':'.
        String host = target.substring(target.lastIndexOf('@') + 1);
        if (!host.startsWith("[")) {
            return true;
        }
        int close = host.indexOf(']');
        return close > 0 && host.substring(0, close).indexOf(':') < 0;
    }
}
