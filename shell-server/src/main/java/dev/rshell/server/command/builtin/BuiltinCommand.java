package dev.rshell.server.command.builtin;

import dev.rshell.server.command.Command;
import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every built-in shares: its name, synopsis and description, and the conventions for
 * usage errors, file errors, option parsing and interrupts, so each command only says what it
 * does.
 *
 * <p>Thread safety: subclasses hold no mutable state; {@link #run} may be called by many
 * sessions at once.
 */
abstract class BuiltinCommand implements Command {

    /** Status of a command that failed. */
    static final int FAILURE = 1;
    /** Status of a usage error. */
    static final int USAGE = 2;
    /** The file operand that means standard input, as in a shell. */
    static final String STDIN = "-";

    private final String name;
    private final String synopsis;
    private final String description;

    BuiltinCommand(String name, String synopsis, String description) {
        this.name = name;
        this.synopsis = synopsis;
        this.description = description;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String synopsis() {
        return synopsis;
    }

    @Override
    public final String description() {
        return description;
    }

    /**
     * True when the name is also a well-known OS program ({@code ls}, {@code cat},
     * {@code uptime}, ...): an option the built-in lacks then gets one line saying which it has
     * and how to run the program instead (see {@link ProgramHint}), not the synopsis.
     */
    boolean shadowsProgram() {
        return false;
    }

    /** Runs {@link #execute} and turns a {@link UsageException} into the usage-error answer. */
    @Override
    public final int run(CommandContext context, List<String> args) throws InterruptedException {
        try {
            return execute(context, args);
        } catch (UnsupportedOption e) {
            if (!shadowsProgram()) {
                context.output().err(name + ": " + e.getMessage());
                context.output().err("usage: " + synopsis);
                return USAGE;
            }
            context.output().err(ProgramHint.line(context, name, e, args));
            return USAGE;
        } catch (UsageException e) {
            if (e.getMessage() != null) {
                context.output().err(name + ": " + e.getMessage());
            }
            context.output().err("usage: " + synopsis);
            return USAGE;
        }
    }

    /** The command itself; throws {@link UsageException} for bad arguments. */
    abstract int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException;

    /** A usage error; {@code problem} (may be null) becomes the line before the synopsis. */
    static UsageException usage(String problem) {
        return new UsageException(problem);
    }

    /** Rejects any argument, for commands that take none. */
    static void noArguments(List<String> args) throws UsageException {
        Options options = Options.parse(args, "", "");
        if (!options.operands().isEmpty()) {
            throw usage("too many arguments");
        }
    }

    /**
     * Prints {@code NAME: ARG: reason} for a failed file operation and answers status 1.
     *
     * @throws InterruptedException when the I/O failed because the thread was interrupted: an
     *                              interruptible channel reports that as an I/O error
     */
    final int fileError(CommandContext context, String arg, IOException e)
            throws InterruptedException {
        if (e instanceof ClosedByInterruptException) {
            Thread.interrupted();
            throw new InterruptedException("interrupted during I/O");
        }
        return error(context, arg, reason(e));
    }

    /** Prints {@code NAME: ARG: reason} and answers status 1. */
    final int error(CommandContext context, String arg, String reason)
            throws InterruptedException {
        context.output().err(name + ": " + printable(arg) + ": " + reason);
        return FAILURE;
    }

    /** The reason part of a file error, worded as the C library words it. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "Too many levels of symbolic links";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * Resolves a path argument; a word the file system can't name (a NUL in it) becomes an
     * I/O error, so callers report it like any other bad path instead of crashing. An empty
     * word names no file, as in coreutils, rather than silently meaning the working directory.
     */
    static Path resolve(CommandContext context, String arg) throws IOException {
        if (arg.isEmpty()) {
            throw new NoSuchFileException(arg);
        }
        try {
            return context.resolve(arg);
        } catch (InvalidPathException e) {
            throw new FileSystemException(arg, null, "Invalid path");
        }
    }

    /**
     * Resolves a path argument the command is about to open or list, and applies the read
     * fence: a path the user's role may not read ({@link CommandContext#mayRead}) becomes a
     * {@code Permission denied (outside what role ROLE may read)} error, reported like any other
     * file error. It is checked before anything else about the path, so a refusal says nothing
     * about whether the path exists. Symbolic links are the server's concern: it compares real
     * paths.
     */
    static Path readable(CommandContext context, String arg) throws IOException {
        Path path = resolve(context, arg);
        checkFence(context, path, arg);
        return path;
    }

    /**
     * The read fence alone, for a path resolved earlier and opened again later ({@code tail -f}
     * reopening a rotated file): the same refusal as {@link #readable}.
     */
    static void checkFence(CommandContext context, Path path, String arg) throws IOException {
        if (!context.mayRead(path)) {
            throw new FileSystemException(arg, null, "Permission denied (outside what role "
                    + printable(context.role()) + " may read)");
        }
    }

    /** A checked exception for an existing directory given where a file is needed. */
    static FileSystemException isDirectory(String arg) {
        return new FileSystemException(arg, null, "Is a directory");
    }

    /** Lets long loops stop promptly on {@code :interrupt}. */
    static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /**
     * Text safe to put in one output line: control characters (LF above all, which would break
     * the line protocol) become {@code ?}, as GNU {@code ls} shows them on a terminal.
     */
    static String printable(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                if (sb == null) {
                    sb = new StringBuilder(text);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** Parses a decimal integer in {@code min..max}, or throws a usage error with {@code problem}. */
    static long number(String text, long min, long max, String problem) throws UsageException {
        // Digits only: no sign, no blanks; a length cap keeps parseLong from overflowing.
        if (text.isEmpty() || text.length() > 18
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw usage(problem);
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            throw usage(problem);
        }
        return value;
    }

    /**
     * Short options parsed GNU-style: {@code -la} combines flags, {@code -n 5} and {@code -n5}
     * give a value, options may follow operands, {@code --} ends options and a lone {@code -}
     * is an operand. Long options are not supported.
     *
     * @param flags    the options that are on or off
     * @param values   each option's value, by letter
     * @param operands everything else, in order
     */
    record Options(Set<Character> flags, Map<Character, String> values, List<String> operands) {

        /**
         * @param flagLetters  the letters allowed as flags
         * @param valueLetters the letters that take a value
         */
        static Options parse(List<String> args, String flagLetters, String valueLetters)
                throws UsageException {
            Set<Character> flags = new HashSet<>();
            Map<Character, String> values = new HashMap<>();
            List<String> operands = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    operands.addAll(args.subList(i + 1, args.size()));
                    break;
                }
                if (arg.startsWith("--")) {
                    throw new UnsupportedOption("unrecognized option '" + printable(arg) + "'",
                            flagLetters, valueLetters);
                }
                if (!arg.startsWith("-") || arg.length() == 1) {
                    operands.add(arg);
                    continue;
                }
                for (int j = 1; j < arg.length(); j++) {
                    char letter = arg.charAt(j);
                    if (flagLetters.indexOf(letter) >= 0) {
                        flags.add(letter);
                    } else if (valueLetters.indexOf(letter) >= 0) {
                        if (j + 1 < arg.length()) {
                            values.put(letter, arg.substring(j + 1));
                        } else if (i + 1 < args.size()) {
                            values.put(letter, args.get(++i));
                        } else {
                            throw usage("option requires an argument -- '" + letter + "'");
                        }
                        break;
                    } else {
                        throw new UnsupportedOption("invalid option -- '"
                                + printable(String.valueOf(letter)) + "'", flagLetters, valueLetters);
                    }
                }
            }
            return new Options(Set.copyOf(flags), Map.copyOf(values), List.copyOf(operands));
        }

        boolean has(char flag) {
            return flags.contains(flag);
        }
    }

    /** Bad arguments: the command answers status 2 with its synopsis. */
    static class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String problem) {
            super(problem, null, false, false);
        }
    }

    /** An option the command doesn't have; it knows the ones it does, for the hint. */
    static final class UnsupportedOption extends UsageException {
        private static final long serialVersionUID = 1L;

        private final String flagLetters;
        private final String valueLetters;

        UnsupportedOption(String problem, String flagLetters, String valueLetters) {
            super(problem);
            this.flagLetters = flagLetters;
            this.valueLetters = valueLetters;
        }

        /** {@code -l -a -h}, then {@code -n N} for each option with a value; empty when none. */
        String supported() {
            List<String> options = new ArrayList<>();
            for (char letter : flagLetters.toCharArray()) {
                options.add("-" + letter);
            }
            for (char letter : valueLetters.toCharArray()) {
                options.add("-" + letter + " N");
            }
            return String.join(" ", options);
        }
    }
}
