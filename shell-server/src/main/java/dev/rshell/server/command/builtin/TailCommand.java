package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * {@code tail [-f | -F] [-n N | -c N] [FILE...]}: prints the last N lines (default 10), or with
 * {@code -c} the last N bytes, of each file, or of standard input when there is no FILE (read
 * forwards, as a pipe);
 * with {@code -f} or {@code -F}, of one file, which it then follows until interrupted (see
 * {@link FileFollower}: both letters follow by name and survive rotation, as GNU
 * {@code tail -F} does; {@code -F} also waits for a file that isn't there yet).
 *
 * <p>A regular file is read backwards from its end in blocks of {@code blockSize} bytes until
 * N line breaks are found, then printed forwards from there: memory is one block plus one
 * output line, however big the file. Files that report size 0 but have content (procfs) or
 * are not regular files are read forwards, keeping the last N lines within
 * {@link #FORWARD_BUDGET_CHARS}; there the pieces of an over-long line count as lines.
 */
final class TailCommand extends FileLinesCommand {

    /** How many chars of kept lines the forward fallback may hold. */
    static final int FORWARD_BUDGET_CHARS = 1024 * 1024;

    private static final int DEFAULT_BLOCK = 64 * 1024;

    private final int blockSize;
    private final Duration poll;

    TailCommand() {
        this(DEFAULT_BLOCK, LineStreamer.MAX_LINE_CHARS);
    }

    /**
     * @param blockSize    bytes read per backward step; smaller in tests
     * @param maxLineChars the longest output line; smaller in tests
     */
    TailCommand(int blockSize, int maxLineChars) {
        this(blockSize, maxLineChars, FileFollower.DEFAULT_POLL);
    }

    /** @param poll how often {@code -f} looks at the file when nothing was appended */
    TailCommand(int blockSize, int maxLineChars, Duration poll) {
        super("tail", "tail [-f | -F] [-n N | -c N] [FILE...]",
                "print the last lines of files (default 10); -f: then follow one as it grows",
                maxLineChars, "fF");
        this.blockSize = blockSize;
        this.poll = poll;
    }

    /** Follows one file with {@code -f} or {@code -F}; otherwise prints each file's last lines. */
    @Override
    int printFiles(CommandContext context, Options options, Amount amount)
            throws InterruptedException, UsageException {
        if (!options.has('f') && !options.has('F')) {
            return super.printFiles(context, options, amount);
        }
        if (amount.bytes()) {
            throw usage("-c can't be combined with -f");
        }
        long lines = amount.count();
        if (options.operands().isEmpty()) {
            throw usage("-f follows one FILE, not standard input");
        }
        if (options.operands().size() > 1) {
            throw usage("-f follows one FILE");
        }
        String arg = options.operands().get(0);
        try {
            Path path = readable(context, arg);
            return new FileFollower(context, arg, path, blockSize, maxLineChars(), poll)
                    .follow(lines, options.has('F'));
        } catch (IOException e) {
            return fileError(context, arg, e);
        }
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
                printForward(context, Channels.newInputStream(channel), lines);
                return;
            }
            channel.position(startOfLastLines(channel, size, lines, blockSize));
            LineStreamer.copyOut(context, Channels.newInputStream(channel), Long.MAX_VALUE, maxLineChars());
        }
    }

    @Override
    void printInput(CommandContext context, java.io.InputStream in, Amount amount)
            throws IOException, InterruptedException {
        if (amount.count() == 0) {
            return;
        }
        if (amount.bytes()) {
            printLastBytes(context, in, amount.count());
        } else {
            printForward(context, in, amount.count());
        }
    }

    /**
     * The last {@code bytes} bytes: from that offset of a regular file; otherwise (procfs, a
     * pipe) read forwards keeping the last ones, at most {@link #FORWARD_BUDGET_CHARS} bytes.
     */
    @Override
    void printBytes(CommandContext context, Path file, long bytes)
            throws IOException, InterruptedException {
        if (bytes == 0) {
            return;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > 0 && Files.isRegularFile(file)) {
                channel.position(Math.max(0, size - bytes));
                LineStreamer.copyOut(context, Channels.newInputStream(channel), Long.MAX_VALUE, maxLineChars());
                return;
            }
            printLastBytes(context, Channels.newInputStream(channel), bytes);
        }
    }

    /** Reads {@code in} forwards keeping its last bytes, at most {@link #FORWARD_BUDGET_CHARS}. */
    private void printLastBytes(CommandContext context, java.io.InputStream in, long bytes)
            throws IOException, InterruptedException {
        byte[] ring = new byte[(int) Math.min(bytes, FORWARD_BUDGET_CHARS)];
        long total = 0;
        byte[] block = new byte[8192];
        int n;
        while ((n = in.read(block)) >= 0) {
            checkInterrupted();
            for (int i = 0; i < n; i++) {
                ring[(int) (total++ % ring.length)] = block[i];
            }
        }
        int kept = (int) Math.min(total, ring.length);
        byte[] last = new byte[kept];
        for (int i = 0; i < kept; i++) {
            last[i] = ring[(int) ((total - kept + i) % ring.length)];
        }
        LineStreamer.copyOut(context, new java.io.ByteArrayInputStream(last), Long.MAX_VALUE, maxLineChars());
    }

    /**
     * The offset where the last {@code lines} lines begin: just after the {@code lines}-th LF
     * from the end, not counting an LF that is the file's last byte (it ends the last line
     * rather than starting another); 0 when the file has fewer lines.
     */
    static long startOfLastLines(SeekableByteChannel channel, long size, long lines,
            int blockSize) throws IOException, InterruptedException {
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

    private void printForward(CommandContext context, java.io.InputStream in, long lines)
            throws IOException, InterruptedException {
        Deque<String> kept = new ArrayDeque<>();
        long[] keptChars = {0};
        LineStreamer.copy(in, Long.MAX_VALUE, maxLineChars(),
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
