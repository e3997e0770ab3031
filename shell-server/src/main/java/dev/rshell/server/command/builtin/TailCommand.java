package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code tail [-n N] FILE...}: prints the last N lines (default 10) of each file.
 *
 * <p>A regular file is read backwards from its end in blocks of {@code blockSize} bytes until
 * N line breaks are found, then printed forwards from there: memory is one block plus one
 * output line, however big the file. Files that report size 0 but have content (procfs) or
 * are not regular files are read forwards, keeping the last N lines within
 * {@link #FORWARD_BUDGET_CHARS}; there the pieces of an over-long line count as lines.
 * {@code -f} is not supported (yet): it is an invalid option.
 */
final class TailCommand extends FileLinesCommand {

    /** How many chars of kept lines the forward fallback may hold. */
    static final int FORWARD_BUDGET_CHARS = 1024 * 1024;

    private static final int DEFAULT_BLOCK = 64 * 1024;

    private final int blockSize;

    TailCommand() {
        this(DEFAULT_BLOCK, LineStreamer.MAX_LINE_CHARS);
    }

    /**
     * @param blockSize    bytes read per backward step; smaller in tests
     * @param maxLineChars the longest output line; smaller in tests
     */
    TailCommand(int blockSize, int maxLineChars) {
        super("tail", "print the last lines of files (default 10)", maxLineChars);
        this.blockSize = blockSize;
    }

    @Override
    void print(CommandContext context, Path file, long lines)
            throws IOException, InterruptedException {
        if (lines == 0) {
            return;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size == 0 || !Files.isRegularFile(file)) {
                printForward(context, channel, lines);
                return;
            }
            channel.position(startOfLastLines(channel, size, lines));
            LineStreamer.copy(Channels.newInputStream(channel), Long.MAX_VALUE, maxLineChars(),
                    context.output()::out);
        }
    }

    /**
     * The offset where the last {@code lines} lines begin: just after the {@code lines}-th LF
     * from the end, not counting an LF that is the file's last byte (it ends the last line
     * rather than starting another); 0 when the file has fewer lines.
     */
    private long startOfLastLines(SeekableByteChannel channel, long size, long lines)
            throws IOException, InterruptedException {
        ByteBuffer block = ByteBuffer.allocate(blockSize);
        long found = 0;
        long blockStart = size;
        while (blockStart > 0) {
            checkInterrupted();
            int length = (int) Math.min(blockSize, blockStart);
            blockStart -= length;
            block.clear().limit(length);
            channel.position(blockStart);
            // Read until the block is full; a file that shrank meanwhile leaves it short.
            int read;
            do {
                read = channel.read(block);
            } while (read >= 0 && block.hasRemaining());
            for (int i = block.position() - 1; i >= 0; i--) {
                long offset = blockStart + i;
                if (block.get(i) == '\n' && offset != size - 1 && ++found == lines) {
                    return offset + 1;
                }
            }
        }
        return 0;
    }

    private void printForward(CommandContext context, SeekableByteChannel channel, long lines)
            throws IOException, InterruptedException {
        Deque<String> kept = new ArrayDeque<>();
        long[] keptChars = {0};
        LineStreamer.copy(Channels.newInputStream(channel), Long.MAX_VALUE, maxLineChars(),
                text -> {
                    kept.addLast(text);
                    keptChars[0] += text.length();
                    while (kept.size() > lines || keptChars[0] > FORWARD_BUDGET_CHARS) {
                        keptChars[0] -= kept.removeFirst().length();
                    }
                });
        for (String text : kept) {
            context.output().out(text);
        }
    }
}
