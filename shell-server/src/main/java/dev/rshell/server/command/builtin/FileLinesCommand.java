package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code head} and {@code tail} share: {@code -n N} (also {@code -N}), N from 0 to
 * {@link #MAX_LINES}, or {@code -c N}, N bytes from 0 to {@link #MAX_BYTES} (not both); one or
 * more files, and GNU's {@code ==> FILE <==} headers when there are several. A file that fails
 * is reported and the others still printed (status 1). A subclass may accept flags of its own
 * and take over {@link #printFiles} ({@code tail -f}).
 *
 * <p>Bytes are still sent as lines, as every output is: a cut in the middle of a line ends that
 * line, and a cut inside a UTF-8 sequence shows as U+FFFD.
 */
abstract class FileLinesCommand extends BuiltinCommand {

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    /** The most lines {@code -n} may ask for. */
    static final long MAX_LINES = 1_000_000;
    /** The most bytes {@code -c} may ask for: 1 TiB. */
    static final long MAX_BYTES = 1L << 40;

    private static final long DEFAULT_LINES = 10;
    private static final Pattern SHORT_COUNT = Pattern.compile("-[0-9]+");

    private final int maxLineChars;
    private final String flagLetters;

    FileLinesCommand(String name, String description, int maxLineChars) {
        this(name, name + " [-n N | -c N] [FILE...]", description, maxLineChars, "");
    }

    /** @param flagLetters the command's own flags, seen by {@link #printFiles} */
    FileLinesCommand(String name, String synopsis, String description, int maxLineChars,
            String flagLetters) {
        super(name, synopsis, description);
        this.maxLineChars = maxLineChars;
        this.flagLetters = flagLetters;
    }

    /** The longest output line. */
    final int maxLineChars() {
        return maxLineChars;
    }

    /** How much of each file: N lines, or N bytes ({@code -c}). */
    record Amount(long count, boolean bytes) {
    }

    /** Prints up to {@code lines} lines of one file, which exists and is not a directory. */
    abstract void print(CommandContext context, Path file, long lines)
            throws IOException, InterruptedException;

    /** Prints up to {@code bytes} bytes of one file, which exists and is not a directory. */
    abstract void printBytes(CommandContext context, Path file, long bytes)
            throws IOException, InterruptedException;

    /**
     * Prints {@code amount} of standard input ({@code -}, or no FILE): what {@link #print} and
     * {@link #printBytes} do for a file that can't seek.
     */
    abstract void printInput(CommandContext context, java.io.InputStream in, Amount amount)
            throws IOException, InterruptedException;

    @Override
    final int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(expandShortCount(args), flagLetters, "nc");
        String count = options.values().get('n');
        String bytes = options.values().get('c');
        if (count != null && bytes != null) {
            throw usage("-n and -c can't be combined");
        }
        Amount amount;
        if (bytes != null) {
            amount = new Amount(number(bytes, 0, MAX_BYTES, "N must be a number of bytes from 0 to "
                    + MAX_BYTES), true);
        } else {
            amount = new Amount(count == null ? DEFAULT_LINES
                    : number(count, 0, MAX_LINES, "N must be a number from 0 to " + MAX_LINES), false);
        }
        return printFiles(context, options, amount);
    }

    /**
     * Prints {@code amount} of each file in {@code options.operands()} (at least one), with
     * headers when there are several; answers the status.
     */
    int printFiles(CommandContext context, Options options, Amount amount)
            throws InterruptedException, UsageException {
        List<String> files = options.operands().isEmpty() ? List.of(STDIN) : options.operands();
        int status = 0;
        boolean printedHeader = false;
        for (String arg : files) {
            try {
                if (arg.equals(STDIN)) {
                    printedHeader = header(context, files, "standard input", printedHeader);
                    printInput(context, context.input().stream(), amount);
                    continue;
                }
                // Every check comes before the header, so a file that fails gets only its error.
                Path path = readable(context, arg);
                if (Files.readAttributes(path, BasicFileAttributes.class).isDirectory()) {
                    throw isDirectory(arg);
                }
                if (!Files.isReadable(path)) {
                    throw new AccessDeniedException(arg);
                }
                printedHeader = header(context, files, printable(arg), printedHeader);
                if (amount.bytes()) {
                    printBytes(context, path, amount.count());
                } else {
                    print(context, path, amount.count());
                }
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        return status;
    }

    /** GNU's {@code ==> NAME <==} before each file when there are several; true once printed. */
    private static boolean header(CommandContext context, List<String> files, String name, boolean printedBefore)
            throws InterruptedException {
        if (files.size() <= 1) {
            return printedBefore;
        }
        if (printedBefore) {
            context.output().out("");
        }
        context.output().out("==> " + name + " <==");
        return true;
    }

    /**
     * Rewrites the old {@code -5} into {@code -n 5}: before {@code --} only, and not as the
     * value of {@code -n} ({@code -n -5} stays a bad N rather than becoming another option).
     */
    private static List<String> expandShortCount(List<String> args) {
        List<String> result = new ArrayList<>(args.size() + 1);
        boolean options = true;
        String previous = null;
        for (String arg : args) {
            if (options && arg.equals("--")) {
                options = false;
            }
            boolean isValue = "-n".equals(previous);
            previous = arg;
            if (options && !isValue && SHORT_COUNT.matcher(arg).matches()) {
                result.add("-n");
                result.add(arg.substring(1));
            } else {
                result.add(arg);
            }
        }
        return result;
    }
}
