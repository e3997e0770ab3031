package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code cat FILE...}: prints files line by line with bounded memory (see
 * {@link LineStreamer}). Commands have no standard input in protocol version 1, so FILE is
 * required and {@code -} is an ordinary file name. A file that fails is reported and the
 * others are still printed; the status is then 1.
 */
final class CatCommand extends BuiltinCommand {

    private final int maxLineChars;

    CatCommand() {
        this(LineStreamer.MAX_LINE_CHARS);
    }

    /** @param maxLineChars the longest output line; smaller in tests */
    CatCommand(int maxLineChars) {
        super("cat", "cat FILE...", "print files");
        this.maxLineChars = maxLineChars;
    }

    @Override
    int execute(CommandContext context, List<String> args)
            throws InterruptedException, UsageException {
        List<String> files = Options.parse(args, "", "").operands();
        if (files.isEmpty()) {
            throw usage("missing FILE");
        }
        int status = 0;
        for (String arg : files) {
            try {
                Path path = readable(context, arg);
                if (Files.isDirectory(path)) {
                    throw isDirectory(arg);
                }
                try (InputStream in = Files.newInputStream(path)) {
                    LineStreamer.copy(in, Long.MAX_VALUE, maxLineChars, context.output()::out);
                }
            } catch (IOException e) {
                status = fileError(context, arg, e);
            }
        }
        return status;
    }
}
