package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code head [-n N | -c N] [FILE...]}: prints the first N lines (default 10), or N bytes, of
 * each file, or of standard input when there is no FILE. It reads only as far as the Nth LF (or byte), through {@link LineStreamer}'s
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
            printInput(context, in, new Amount(lines, false));
        }
    }

    @Override
    void printInput(CommandContext context, InputStream in, Amount amount)
            throws IOException, InterruptedException {
        if (amount.bytes()) {
            LineStreamer.copyOut(context, new LimitedInputStream(in, amount.count()), Long.MAX_VALUE,
                    maxLineChars());
        } else {
            LineStreamer.copyOut(context, in, amount.count(), maxLineChars());
        }
    }

    @Override
    void printBytes(CommandContext context, Path file, long bytes)
            throws IOException, InterruptedException {
        try (InputStream in = Files.newInputStream(file)) {
            printInput(context, in, new Amount(bytes, true));
        }
    }
}
