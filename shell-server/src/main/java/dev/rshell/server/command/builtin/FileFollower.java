package dev.rshell.server.command.builtin;

import dev.rshell.server.command.CommandContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code tail -f} and {@code tail -F}: prints the last lines of one file, then a line out per
 * line appended, until the thread is interrupted. Both letters follow the file by name, as
 * GNU {@code tail -F} does, so a rotated log keeps being followed:
 *
 * <ul>
 *   <li><b>Polling.</b> Every {@code poll} (100 ms by default) it reads what was appended to
 *       the open file, then looks at the path again. While a file keeps growing it reads
 *       without sleeping, at most {@link #READS_PER_ROUND} buffers between two looks.</li>
 *   <li><b>Truncation</b> (the size is now below what was read, e.g. {@code copytruncate}):
 *       {@code tail: FILE: file truncated} on stderr, and it reads again from the start.</li>
 *   <li><b>Replacement</b> (the path names another file, by {@code fileKey}: device and inode
 *       on Linux; e.g. a rename over it, or delete and create): the rest of the old file is
 *       read first, then {@code tail: FILE: file replaced; following the new file} and the
 *       new file from its start.</li>
 *   <li><b>Disappearance</b> (or any failure to open it again, the read fence included):
 *       {@code tail: FILE: REASON; waiting for it to appear}, once per reason; when it can be
 *       opened again, {@code tail: FILE: file appeared; following it} and it is read from the
 *       start.</li>
 * </ul>
 *
 * <p>The one difference between the letters is at the start: {@code -f} on a file that can't
 * be opened is an error (status 1), while {@code -F} on a file that is missing or that the OS
 * won't let it read says why and waits for it to appear (a directory, a file that is not
 * regular, or one outside the read fence is an error for both). The
 * path is resolved once, so a later {@code cd} in the session changes nothing, and the read
 * fence is asked again every time the file is (re)opened: a symbolic link turned towards a
 * file the role may not read is refused, not followed. Only regular files are followed (a
 * FIFO would block the open, and a {@code /proc} file that reports size 0 can't be followed by
 * size).
 *
 * <p><b>Lines.</b> Bytes are decoded as UTF-8 (invalid sequences as U+FFFD) across reads. A
 * line is printed when its LF arrives; a last line without LF is held until then, so a line
 * written in two pieces is never split in two. It is printed anyway when the file is
 * truncated, replaced or gone (its LF can't come any more), and it is dropped when the
 * command is interrupted. A line longer than {@code maxLineChars} is printed in pieces as
 * {@code cat} does, so memory stays bounded: one read buffer, one decode buffer and one held
 * piece. Output is flushed after each burst read, so lines reach the client as they are
 * appended.
 *
 * <p><b>Limits.</b> Truncation is seen by size: a file truncated and refilled beyond the old
 * size between two looks reads on from the old offset (as with GNU {@code tail}); a file
 * deleted and recreated between two looks with the same inode number reused is taken as the
 * same file. Rotation by rename is always seen.
 *
 * <p>Thread safety: one instance per run, confined to the command's thread.
 */
final class FileFollower {

    /** How often the file is looked at when nothing was appended. */
    static final Duration DEFAULT_POLL = Duration.ofMillis(100);
    /** Bytes read at once. */
    static final int READ_BYTES = 64 * 1024;
    /** Reads in a row before the path is looked at again, so a busy file can't hide a rotation. */
    static final int READS_PER_ROUND = 16;
    /**
     * Rounds of reads given to the rest of a file that was replaced or removed (its writer may
     * still be finishing a line): at most this many times {@link #READS_PER_ROUND} buffers.
     */
    static final int FINAL_ROUNDS = 64;
    /** How many times opening retries when the path is replaced during the open itself. */
    private static final int OPEN_ATTEMPTS = 5;

    private final CommandContext context;
    private final String arg;
    private final Path path;
    private final int blockSize;
    private final int maxLineChars;
    private final long pollMillis;

    private final ByteBuffer bytes = ByteBuffer.allocate(READ_BYTES);
    private final CharBuffer chars = CharBuffer.allocate(READ_BYTES);
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final StringBuilder line = new StringBuilder();

    /** The open file, or null while waiting for the path to name one. */
    private SeekableByteChannel channel;
    /** The open file's identity. */
    private Object key;
    /** Bytes of the open file read so far. */
    private long position;
    /** Why the path can't be opened, as last reported; null while following. */
    private String waitingFor;

    /**
     * @param path         the file, resolved once by the caller (who has checked the fence)
     * @param blockSize    bytes per backward step when finding the last lines
     * @param maxLineChars the longest output line
     * @param poll         the pause between looks when nothing was appended
     */
    FileFollower(CommandContext context, String arg, Path path, int blockSize, int maxLineChars,
            Duration poll) {
        this.context = context;
        this.arg = arg;
        this.path = path;
        this.blockSize = blockSize;
        this.maxLineChars = maxLineChars;
        this.pollMillis = Math.max(1, poll.toMillis());
    }

    /**
     * Prints the last {@code lines} lines, then follows until interrupted.
     *
     * @param waitAtStart true for {@code -F}: a file missing or unreadable now is waited for
     * @return never; it ends only by an exception
     * @throws IOException          the file can't be opened at the start (with
     *                              {@code waitAtStart}, only when it is there but can't be
     *                              followed)
     * @throws InterruptedException when the thread is interrupted, at once
     */
    int follow(long lines, boolean waitAtStart) throws IOException, InterruptedException {
        try {
            try {
                open();
                long size = channel.size();
                position = lines == 0 ? size
                        : TailCommand.startOfLastLines(channel, size, lines, blockSize);
                channel.position(position);
            } catch (IOException e) {
                if (!waitAtStart || !(e instanceof NoSuchFileException
                        || e instanceof AccessDeniedException)) {
                    throw e;
                }
                closeChannel();
                waitFor(BuiltinCommand.reason(e));
            }
            while (true) {
                BuiltinCommand.checkInterrupted();
                boolean busy = channel != null && drain();
                busy |= look();
                if (!busy) {
                    Thread.sleep(pollMillis);
                }
            }
        } catch (ClosedByInterruptException e) {
            Thread.interrupted();
            throw new InterruptedException("interrupted during I/O");
        } finally {
            closeChannel();
        }
    }

    /**
     * Reads what was appended, printing whole lines; flushes if anything was read.
     *
     * @return true when something was read (or the file was lost), so no pause is due
     */
    private boolean drain() throws IOException, InterruptedException {
        boolean read = false;
        try {
            for (int i = 0; i < READS_PER_ROUND; i++) {
                int n = channel.read(bytes);
                if (n <= 0) {
                    break;
                }
                read = true;
                position += n;
                bytes.flip();
                decode(false);
                bytes.compact();
            }
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            lose(BuiltinCommand.reason(e));
            return true;
        }
        if (read) {
            context.output().flush();
        }
        return read;
    }

    /**
     * Looks at the path: truncated, replaced, gone, or back.
     *
     * @return true when something changed
     */
    private boolean look() throws IOException, InterruptedException {
        if (channel == null) {
            return reopen("file appeared; following it");
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            drainRest();
            if (channel != null) {
                lose(BuiltinCommand.reason(e));
            }
            return true;
        }
        if (!Objects.equals(keyOf(now), key)) {
            drainRest();
            endOfFile();
            closeChannel();
            reopen("file replaced; following the new file");
            return true;
        }
        if (now.size() < position) {
            endOfFile();
            notice("file truncated");
            position = 0;
            channel.position(0);
            return true;
        }
        return false;
    }

    /**
     * Reads what the open file still holds before it is let go: what was appended between
     * the last read and the look that found it replaced or gone.
     */
    private void drainRest() throws IOException, InterruptedException {
        for (int round = 0; round < FINAL_ROUNDS && channel != null && drain(); round++) {
            BuiltinCommand.checkInterrupted();
        }
    }

    /** Opens the path again and reads it from the start, or keeps waiting; true if opened. */
    private boolean reopen(String message) throws IOException, InterruptedException {
        try {
            open();
        } catch (ClosedByInterruptException e) {
            throw e;
        } catch (IOException e) {
            waitFor(BuiltinCommand.reason(e));
            return false;
        }
        waitingFor = null;
        notice(message);
        return true;
    }

    /** The open file is gone: print its held line, close it, and wait for the path. */
    private void lose(String reason) throws InterruptedException {
        endOfFile();
        closeChannel();
        waitFor(reason);
    }

    private void waitFor(String reason) throws InterruptedException {
        if (!reason.equals(waitingFor)) {
            waitingFor = reason;
            notice(reason + "; waiting for it to appear");
        }
    }

    /**
     * Opens the path through the read fence, making sure the file opened is the one whose key
     * is kept (the path may be replaced during the open), at position 0.
     */
    private void open() throws IOException {
        BuiltinCommand.checkFence(context, path, arg);
        for (int attempt = 1; attempt <= OPEN_ATTEMPTS; attempt++) {
            BasicFileAttributes before = Files.readAttributes(path, BasicFileAttributes.class);
            if (before.isDirectory()) {
                throw BuiltinCommand.isDirectory(arg);
            }
            if (!before.isRegularFile()) {
                throw new FileSystemException(arg, null, "not a regular file, can't follow it");
            }
            SeekableByteChannel opened = Files.newByteChannel(path);
            boolean kept = false;
            try {
                BasicFileAttributes after = Files.readAttributes(path, BasicFileAttributes.class);
                if (Objects.equals(keyOf(before), keyOf(after))) {
                    if (after.size() == 0 && opened.read(ByteBuffer.allocate(1)) > 0) {
                        throw new FileSystemException(arg, null,
                                "reports size 0 but has content (like /proc files), can't follow it");
                    }
                    opened.position(0);
                    channel = opened;
                    key = keyOf(after);
                    position = 0;
                    kept = true;
                    return;
                }
            } finally {
                if (!kept) {
                    opened.close();
                }
            }
        }
        throw new FileSystemException(arg, null, "replaced while being opened, again and again");
    }

    /** The file's identity: its key (device and inode on Linux), else its creation time. */
    private static Object keyOf(BasicFileAttributes attributes) {
        Object fileKey = attributes.fileKey();
        return fileKey != null ? fileKey : attributes.creationTime();
    }

    /**
     * The current file has no more to give: decodes any incomplete sequence as U+FFFD, prints
     * the held line (its LF will never come), and resets the decoder for the next file.
     */
    private void endOfFile() throws InterruptedException {
        bytes.flip();
        decode(true);
        while (decoder.flush(chars).isOverflow()) {
            emitChars();
        }
        emitChars();
        decoder.reset();
        bytes.clear();
        if (line.length() > 0) {
            context.output().out(line.toString());
            line.setLength(0);
        }
        context.output().flush();
    }

    /** Decodes {@code bytes} (in read mode) into lines. */
    private void decode(boolean endOfInput) throws InterruptedException {
        CoderResult result;
        do {
            result = decoder.decode(bytes, chars, endOfInput);
            emitChars();
        } while (result.isOverflow());
    }

    /** Turns the decoded chars into output lines, keeping the part after the last LF. */
    private void emitChars() throws InterruptedException {
        chars.flip();
        char[] buffer = chars.array();
        int end = chars.limit();
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            LineStreamer.append(line, buffer, start, i, maxLineChars, context.output()::out);
            int length = line.length();
            if (length > 0 && line.charAt(length - 1) == '\r') {
                line.setLength(length - 1);
            }
            context.output().out(line.toString());
            line.setLength(0);
            start = i + 1;
        }
        LineStreamer.append(line, buffer, start, end, maxLineChars, context.output()::out);
        chars.clear();
    }

    private void notice(String text) throws InterruptedException {
        context.output().err("tail: " + BuiltinCommand.printable(arg) + ": " + text);
        context.output().flush();
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Only read from; nothing was lost.
            }
            channel = null;
        }
    }
}
