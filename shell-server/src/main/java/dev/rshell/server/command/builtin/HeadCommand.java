package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code head [-n N | -c N] FILE...}: prints the first N lines (default 10), or N bytes, of
 * each file. It reads only as far as the Nth LF (or byte), through {@link LineStreamer}'s
 * bounded buffers.
 */
final class HeadCommand extends FileLinesCommand {

    HeadCommand() {
        this(LineStreamer.MAX_LINE_CHARS);
    }

    /** @param maxLineChars the longest output line; smaller in tests */
    HeadCommand(int maxLineChars) {
        super("head", "print the first lines of files (default 10)", maxLineChars);
    }

    @Override
    void print(CommandContext context, Path file, long lines)
            throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(file)) {
            LineStreamer.copy(in, lines, maxLineChars(), context.output()::out);
        }
    }

    @Override
    void printBytes(CommandContext context, Path file, long bytes)
            throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(file)) {
            LineStreamer.copy(new LimitedInputStream(in, bytes), Long.MAX_VALUE, maxLineChars(),
                    context.output()::out);
        }
    }
}
