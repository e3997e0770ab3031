package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import dev.rshell.server.command.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code cat [-n] [FILE...]}: prints files with bounded memory (see {@link LineStreamer}): byte
 * for byte when the client takes bytes, else line by line. With no FILE, or for {@code -}, it
 * prints its standard input (empty, at its end at once, for a command started without input).
 * A file that fails is reported and the others are still printed; the status is then 1.
 *
 * <p>{@code -n} numbers the lines as GNU does, right-aligned in six columns and a tab
 * ({@code "     1\tfirst"}), counting on across files; the pieces a very long line is sent in
 * share its one number.
 */
final class CatCommand extends BuiltinCommand {

    private final int maxLineChars;

    /** Also an OS program: an option the built-in lacks gets {@link ProgramHint}'s line. */
    @Override
    boolean shadowsProgram() {
        return true;
    }

    CatCommand() {
        this(LineStreamer.MAX_LINE_CHARS);
    }

    /** @param maxLineChars the longest output line; smaller in tests */
    CatCommand(int maxLineChars) {
        super("cat", "cat [-n] [FILE...]", "print files or standard input (-n: number the lines)");
        this.maxLineChars = maxLineChars;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, "n", "");
        List<String> files = options.operands();
        if (files.isEmpty()) {
            files = List.of(STDIN);
        }
        Numbering numbering = options.has('n') ? new Numbering(context.output()) : null;
        int status = 0;
        for (String arg : files) {
            try {
                if (arg.equals(STDIN)) {
                    copy(context, context.input().stream(), numbering);
                    continue;
                }
                Path path = readable(context, arg);
                if (Files.isDirectory(path)) {
                    throw isDirectory(arg);
                }
                try (InputStream in = Files.newInputStream(path)) {
                    copy(context, in, numbering);
                }
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        return status;
    }

    private void copy(CommandContext context, InputStream in, Numbering numbering)
            throws IOException, InterruptedException {
        if (numbering != null) {
            LineStreamer.copy(in, Long.MAX_VALUE, maxLineChars, numbering);
        } else {
            LineStreamer.copyOut(context, in, Long.MAX_VALUE, maxLineChars);
        }
    }

    /** Puts the line number before the first piece of each line. */
    private static final class Numbering implements LineStreamer.LineSink {
        private final OutputSink out;
        private long number;
        private boolean atLineStart = true;

        Numbering(OutputSink out) {
            this.out = out;
        }

        @Override
        public void piece(String text) throws InterruptedException {
            out.out(prefix() + text);
            atLineStart = false;
        }

        @Override
        public void line(String text) throws InterruptedException {
            out.out(prefix() + text);
            atLineStart = true;
        }

        private String prefix() {
            return atLineStart ? String.format(Locale.ROOT, "%6d\t", ++number) : "";
        }
    }
}
