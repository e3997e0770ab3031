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
 * {@code cat [-n] FILE...}: prints files line by line with bounded memory (see
 * {@link LineStreamer}). Commands have no standard input in protocol version 1, so FILE is
 * required and {@code -} is an ordinary file name. A file that fails is reported and the
 * others are still printed; the status is then 1.
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
        super("cat", "cat [-n] FILE...", "print files (-n: number the lines)");
        this.maxLineChars = maxLineChars;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        Options options = Options.parse(args, "n", "");
        List<String> files = options.operands();
        if (files.isEmpty()) {
            throw usage("missing FILE");
        }
        LineStreamer.LineSink sink = options.has('n') ? new Numbering(context.output())
                : context.output()::out;
        int status = 0;
        for (String arg : files) {
            try {
                Path path = readable(context, arg);
                if (Files.isDirectory(path)) {
                    throw isDirectory(arg);
                }
                try (InputStream in = Files.newInputStream(path)) {
                    LineStreamer.copy(in, Long.MAX_VALUE, maxLineChars, sink);
                }
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        return status;
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
