package dev.rshell.client.fanout;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints gathered output folded, for {@code -b}/{@code --gather} (like {@code clush -b} and
 * {@code dshbak -c}) and {@code --diff}.
 *
 * <p>{@link #gathered}: each group once, largest first, under a header naming its hosts as a
 * folded range set, their count, and what else sets it apart:
 * <pre>
 * ---------------
 * web[01-18] (18)
 * ---------------
 *  10:01:02 up 3 days, ...
 * ---------------
 * web19 (1) status 3
 * ---------------
 * </pre>
 * The header and stdout lines go to stdout, stderr lines to stderr (stdout flushed first, so a
 * terminal shows them in place). A group whose output was cut at the gather limit ends with a
 * line saying so, on stderr.
 *
 * <p>{@link #diff}: the largest group in full as above, then every other group as a unified
 * diff against it ({@link LineDiff}), all on stdout; here a stderr line is shown as
 * {@code [stderr] TEXT}, so that a difference between the streams shows too. Empty output is
 * output: a group with none shows every line of the reference as removed.
 *
 * <p>Thread safety: stateless; call after the run.
 */
public final class FoldedPrinter {

    static final String RULE = "---------------";
    /** How {@link #diff} marks a stderr line. */
    static final String STDERR_MARK = "[stderr] ";

    private FoldedPrinter() {
    }

    /** Prints every group, largest first. */
    public static void gathered(List<OutputGroup> groups, long limit, PrintStream out, PrintStream err) {
        for (OutputGroup g : groups) {
            printGroup(g, limit, out, err);
        }
        out.flush();
        err.flush();
    }

    /** Prints the largest group, then each other one as a diff against it. */
    public static void diff(List<OutputGroup> groups, long limit, PrintStream out, PrintStream err) {
        if (groups.isEmpty()) {
            return;
        }
        OutputGroup reference = groups.get(0);
        printGroup(reference, limit, out, err);
        List<String> from = marked(reference);
        for (OutputGroup g : groups.subList(1, groups.size())) {
            List<String> diff = LineDiff.unified(title(reference), title(g), from, marked(g));
            if (diff.isEmpty()) {
                // Same lines, other outcome: the headers alone tell the difference.
                diff = List.of("--- " + title(reference), "+++ " + title(g));
            }
            for (String line : diff) {
                out.print(line + "\n");
            }
            if (g.cut()) {
                out.print(cutNote(limit) + "\n");
            }
        }
        out.flush();
        err.flush();
    }

    /** {@code web[01-18] (18)}, with the group's note when it has one. */
    static String title(OutputGroup g) {
        String note = g.note();
        return g.folded() + " (" + g.hosts().size() + ")" + (note.isEmpty() ? "" : " " + note);
    }

    private static void printGroup(OutputGroup g, long limit, PrintStream out, PrintStream err) {
        out.print(RULE + "\n" + title(g) + "\n" + RULE + "\n");
        boolean onErr = false;
        for (GatheredLine line : g.lines()) {
            boolean toErr = line.stream() == HostStream.STDERR;
            if (toErr != onErr) {
                (onErr ? err : out).flush();
                onErr = toErr;
            }
            (toErr ? err : out).print(line.text() + "\n");
        }
        if (g.cut()) {
            out.flush();
            err.print(cutNote(limit) + "\n");
            onErr = true;
        }
        (onErr ? err : out).flush();
    }

    private static String cutNote(long limit) {
        return "rshell: output cut at " + limit + " bytes a host (--gather-limit)";
    }

    private static List<String> marked(OutputGroup g) {
        List<String> lines = new ArrayList<>(g.lines().size());
        for (GatheredLine line : g.lines()) {
            lines.add(line.stream() == HostStream.STDERR ? STDERR_MARK + line.text() : line.text());
        }
        return lines;
    }
}
