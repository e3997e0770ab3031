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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * {@code ls [-laAhtrSd1R] [PATH...]}: lists directories and files, one entry per line, with the
 * GNU flags admins use daily.
 *
 * <p>As in GNU {@code ls}: the default PATH is {@code .}; entries are sorted by name
 * (code-point order, as with {@code LC_ALL=C}), {@code -t} newest first, {@code -S} largest
 * first (ties by name; {@code -S} wins over {@code -t}), {@code -r} reverses the order;
 * dotfiles only with {@code -a}, which also shows {@code .} and {@code ..}, or {@code -A},
 * which doesn't; {@code -d} lists directories themselves, not their entries; {@code -R} lists
 * subdirectories too, depth first, each under a {@code DIR:} header (symbolic links to
 * directories are not followed); {@code -1} is accepted and changes nothing, as output is one
 * entry per line anyway; {@code -h} shows {@code -l} sizes as {@code 1.5K}, {@code 234M}.
 * Operands are sorted like entries: files first, then each directory under a {@code DIR:}
 * header when there are several, groups separated by an empty line; a symbolic link operand
 * to a directory lists the directory, except with {@code -l} or {@code -d}, which show the
 * link. Errors are reported and the rest still listed (status 1). Control characters in names
 * print as {@code ?} so a name can't break the line protocol. {@code -l} rows are described in
 * {@link LongFormat}. Sorting needs every name of a directory in memory, as in GNU {@code ls};
 * the loops check for an interrupt on every entry.
 */
final class LsCommand extends BuiltinCommand {

    /** The flags, in the order the usage hint lists them. */
    static final String FLAGS = "laAhtrSd1R";

    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final LongFormat longFormat;

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    LsCommand() {
        this(ZoneId.systemDefault());
    }

    /** @param zone the zone {@code -l} shows times in */
    LsCommand(ZoneId zone) {
        super("ls", "ls [-laAhtrSd1R] [PATH...]",
                "list directory contents (-l details, -a/-A dotfiles, -t/-S sort, -r reverse, -R recurse)");
        this.longFormat = new LongFormat(zone);
    }

    /**
     * An entry to show: its name as printed, its path, the name errors and {@code -R} headers
     * use, the name it sorts by, and its own attributes (not a link's target; null when they
     * couldn't be read or weren't needed).
     */
    private record Entry(String shown, Path path, String errorName, String sortName,
            BasicFileAttributes attributes) {
    }

    /** What the flags ask for. */
    private record Settings(boolean details, boolean all, boolean almostAll, boolean human,
            boolean byTime, boolean bySize, boolean reverse, boolean directoriesThemselves,
            boolean recursive) {

        static Settings of(Options options) {
            return new Settings(options.has('l'), options.has('a'), options.has('A'),
                    options.has('h'), options.has('t'), options.has('S'), options.has('r'),
                    options.has('d'), options.has('R'));
        }

        /** Whether entries need their attributes read to be sorted or recursed into. */
        boolean needsAttributes() {
            return byTime || bySize || recursive;
        }

        Comparator<Entry> order() {
            Comparator<Entry> byName = Comparator.comparing(Entry::sortName);
            Comparator<Entry> order = byName;
            if (bySize) {
                order = Comparator.comparingLong(LsCommand::size).reversed().thenComparing(byName);
            } else if (byTime) {
                order = Comparator.comparingLong(LsCommand::mtime).reversed().thenComparing(byName);
            }
            return reverse ? order.reversed() : order;
        }
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, FLAGS, "");
        Settings settings = Settings.of(options);
        List<String> operands = options.operands();
        if (operands.isEmpty()) {
            operands = List.of(".");
        }
        int status = 0;
        List<Entry> files = new ArrayList<>();
        List<Entry> directories = new ArrayList<>();
        for (String arg : operands) {
            checkInterrupted();
            try {
                Path path = readable(context, arg);
                BasicFileAttributes attributes =
                        Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
                boolean directory = !settings.directoriesThemselves() && (attributes.isDirectory()
                        || !settings.details() && attributes.isSymbolicLink() && Files.isDirectory(path));
                (directory ? directories : files).add(new Entry(printable(arg), path, arg, arg, attributes));
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        files.sort(settings.order());
        directories.sort(settings.order());
        boolean first = true;
        if (!files.isEmpty()) {
            status = Math.max(status, show(context, files, settings));
            first = false;
        }
        boolean headers = operands.size() > 1 || settings.recursive();
        Deque<Entry> pending = new ArrayDeque<>(directories);
        while (!pending.isEmpty()) {
            Entry directory = pending.removeFirst();
            if (!first) {
                context.output().out("");
            }
            if (headers) {
                context.output().out(printable(directory.errorName()) + ":");
            }
            first = false;
            List<Entry> entries = new ArrayList<>();
            status = Math.max(status, listDirectory(context, directory, settings, entries));
            if (settings.recursive()) {
                // Depth first, in listing order: the subdirectories go before what was pending.
                for (int i = entries.size() - 1; i >= 0; i--) {
                    Entry entry = entries.get(i);
                    String name = entry.path().getFileName().toString();
                    if (entry.attributes() != null && entry.attributes().isDirectory()
                            && !name.equals(".") && !name.equals("..")) {
                        pending.addFirst(entry);
                    }
                }
            }
        }
        return status;
    }

    /** Lists one directory's entries and leaves them, sorted, in {@code entries}. */
    private int listDirectory(CommandContext context, Entry directory, Settings settings,
            List<Entry> entries) throws InterruptedException {
        boolean dotfiles = settings.all() || settings.almostAll();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory.path())) {
            for (Path child : stream) {
                checkInterrupted();
                String name = child.getFileName().toString();
                if (dotfiles || !name.startsWith(".")) {
                    entries.add(entry(directory, name, settings));
                }
            }
        } catch (IOException e) {
            return fileError(context, directory.errorName(), e);
        } catch (DirectoryIteratorException e) {
            return fileError(context, directory.errorName(), e.getCause());
        }
        if (settings.all()) {
            entries.add(entry(directory, ".", settings));
            entries.add(entry(directory, "..", settings));
        }
        entries.sort(settings.order());
        return show(context, entries, settings);
    }

    private static Entry entry(Entry directory, String name, Settings settings) {
        Path path = directory.path().resolve(name);
        BasicFileAttributes attributes = null;
        if (settings.needsAttributes()) {
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
            } catch (IOException e) {
                // Gone since it was listed: it sorts as empty and old, and -l reports it.
            }
        }
        return new Entry(printable(name), path, join(directory, name), name, attributes);
    }

    /** Prints entries, one per line; with {@code -l}, aligned rows. */
    private int show(CommandContext context, List<Entry> entries, Settings settings)
            throws InterruptedException {
        if (!settings.details()) {
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
                rows.add(longFormat.row(entry.path(), entry.shown(), settings.human()));
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

    private static long size(Entry entry) {
        return entry.attributes() == null ? 0 : entry.attributes().size();
    }

    private static long mtime(Entry entry) {
        return entry.attributes() == null ? Long.MIN_VALUE
                : entry.attributes().lastModifiedTime().toMillis();
    }

    private static String join(Entry directory, String name) {
        String dir = directory.errorName();
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }
}
