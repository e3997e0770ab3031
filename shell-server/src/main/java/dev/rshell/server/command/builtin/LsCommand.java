package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code ls [-l] [-a] [PATH...]}: lists directories and files, one entry per line.
 *
 * <p>As in GNU {@code ls}: the default PATH is {@code .}; a directory lists its entries sorted
 * by name (code-point order, as with {@code LC_ALL=C}); dotfiles only with {@code -a}, which
 * also shows {@code .} and {@code ..}; a file operand prints as typed; with several operands,
 * files come first, then each directory under a {@code DIR:} header, groups separated by an
 * empty line; a symbolic link operand to a directory lists the directory, except with
 * {@code -l}, which shows the link. Errors are reported and the rest still listed (status 1).
 * Control characters in names print as {@code ?} so a name can't break the line protocol.
 * {@code -l} rows are described in {@link LongFormat}. Sorting needs every name of a directory
 * in memory, as in GNU {@code ls}; the loops check for an interrupt on every entry.
 */
final class LsCommand extends BuiltinCommand {

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final LongFormat longFormat;

    LsCommand() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the zone {@code -l} shows times in */
    LsCommand(ZoneId zone) {
        super("ls", "ls [-l] [-a] [PATH...]", "list directory contents (-l: details, -a: dotfiles)");
        this.longFormat = new LongFormat(zone);
    }

    /** An entry to show: its name as printed, its path, and the name errors should use. */
    private record Entry(String shown, Path path, String errorName) {
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, "la", "");
        boolean details = options.has('l');
        boolean all = options.has('a');
        List<String> operands = options.operands().isEmpty() ? List.of(".") : options.operands();
        int status = 0;
        List<Entry> files = new ArrayList<>();
        List<Entry> directories = new ArrayList<>();
        for (String arg : operands) {
            checkInterrupted();
            try {
                Path path = readable(context, arg);
                BasicFileAttributes attributes =
                        Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
                boolean directory = attributes.isDirectory()
                        || !details && attributes.isSymbolicLink() && Files.isDirectory(path);
                (directory ? directories : files).add(new Entry(printable(arg), path, arg));
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        boolean first = true;
        if (!files.isEmpty()) {
            status = Math.max(status, show(context, files, details));
            first = false;
        }
        for (Entry directory : directories) {
            if (!first) {
                context.output().out("");
            }
            if (operands.size() > 1) {
                context.output().out(directory.shown() + ":");
            }
            status = Math.max(status, listDirectory(context, directory, all, details));
            first = false;
        }
        return status;
    }

    private int listDirectory(CommandContext context, Entry directory, boolean all,
            boolean details) throws InterruptedException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory.path())) {
            for (Path child : stream) {
                checkInterrupted();
                String name = child.getFileName().toString();
                if (all || !name.startsWith(".")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            return fileError(context, directory.errorName(), e);
        } catch (DirectoryIteratorException e) {
            return fileError(context, directory.errorName(), e.getCause());
        }
        Collections.sort(names);
        List<Entry> entries = new ArrayList<>(names.size() + 2);
        if (all) {
            entries.add(new Entry(".", directory.path().resolve("."), join(directory, ".")));
            entries.add(new Entry("..", directory.path().resolve(".."), join(directory, "..")));
        }
        for (String name : names) {
            entries.add(new Entry(printable(name), directory.path().resolve(name),
                    join(directory, name)));
        }
        return show(context, entries, details);
    }

    /** Prints entries, one per line; with {@code -l}, aligned rows. */
    private int show(CommandContext context, List<Entry> entries, boolean details)
            throws InterruptedException {
        if (!details) {
            for (Entry entry : entries) {
                checkInterrupted();
                context.output().out(entry.shown());
            }
            return 0;
        }
        int status = 0;
        List<LongFormat.Row> rows = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            checkInterrupted();
            try {
                rows.add(longFormat.row(entry.path(), entry.shown()));
            } catch (IOException e) {
                // Removed since it was listed, or unreadable: say so and show the rest.
                status = fileError(context, entry.errorName(), e);
            }
        }
        for (String line : LongFormat.render(rows)) {
            context.output().out(line);
        }
        return status;
    }

    private static String join(Entry directory, String name) {
        String dir = directory.errorName();
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
