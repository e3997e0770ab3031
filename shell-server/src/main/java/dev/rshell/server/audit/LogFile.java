package dev.rshell.server.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The audit file on disk: appends whole lines, rotates by size, keeps the file private.
 *
 * <p>Lines are copied into one direct buffer and written with as few {@code write} calls as
 * fit (one per batch unless it is larger than the buffer or crosses a rotation); a line is
 * never split across two files, and never across two {@code write} calls unless it alone is
 * larger than the buffer.
 *
 * <p>After a failed write the channel is dropped; the next append reopens the file and first
 * cuts it back to the last size known to be whole, so a write torn by a full disk (or by an
 * interrupt, which closes a {@link FileChannel}) leaves no half line behind. On the first
 * open, a last line without its line end (a process killed inside a write; the line was
 * never acknowledged) is cut off for the same reason.
 *
 * <p>Thread safety: none. {@link AuditLog} lets one thread at a time (the batch's writer) in.
 */
final class LogFile implements AutoCloseable {

    /** Opens the audit file for appending; a seam for tests that make the disk fail. */
    @FunctionalInterface
    interface Opener {
        FileChannel open(Path path) throws IOException;
    }

    /** Where an append got to: lines before {@code next} are in the file. */
    static final class Cursor {
        int next;
    }

    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path path;
    private final long maxBytes;
    private final int keep;
    private final boolean fsync;
    private final Opener opener;
    private FileChannel channel;
    private ByteBuffer buffer;
    /** Bytes in the file, all whole lines (a torn write is not counted); -1 until opened. */
    private long size = -1;

    LogFile(Path path, AuditLogSettings settings, Opener opener) {
        this.path = path;
        this.maxBytes = settings.maxBytes();
        this.keep = settings.keep();
        this.fsync = settings.fsync();
        this.opener = opener;
    }

    /** Creates audit.log if needed with owner-only permissions, and opens it for appending. */
    static FileChannel openPrivate(Path path) throws IOException {
        boolean posix = path.getFileSystem().supportedFileAttributeViews().contains("posix");
        if (!posix) {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        FileChannel channel = FileChannel.open(path,
                EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try {
            // The attribute only applies to a file we create; an older, wider one is narrowed.
            if (!Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(path, OWNER_ONLY);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** Opens the file now, so that a data directory we can't write is found at start. */
    void open() throws IOException {
        ensureOpen();
    }

    /**
     * Appends {@code lines} from {@code cursor.next} on, advancing the cursor past each
     * written run, rotating first whenever the next line would take the file past
     * {@code maxBytes}. With {@code fsync}, forces the file before returning.
     */
    void append(List<byte[]> lines, Cursor cursor) throws IOException {
        ensureOpen();
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        }
        buffer.clear();
        int written = cursor.next;
        for (int i = cursor.next; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            long fileSize = size + buffer.position();
            boolean rotate = fileSize > 0 && fileSize + line.length > maxBytes;
            if (rotate || buffer.remaining() < line.length) {
                flush();
                cursor.next = i;
                if (rotate) {
                    rotate();
                }
            }
            if (line.length > buffer.capacity()) {
                writeFully(ByteBuffer.wrap(line)); // too big to stage; alone in its write
                cursor.next = i + 1;
            } else {
                buffer.put(line);
            }
            written = i + 1;
        }
        flush();
        cursor.next = written;
        if (fsync) {
            channel.force(false);
        }
    }

    /** Forgets the channel after a failure; the next append reopens and repairs the file. */
    void abandon() {
        FileChannel old = channel;
        channel = null;
        if (old != null) {
            try {
                old.close();
            } catch (IOException ignored) {
                // already failing; the error that brought us here is the one reported
            }
        }
    }

    @Override
    public void close() throws IOException {
        FileChannel old = channel;
        channel = null;
        if (old != null) {
            try {
                if (fsync) {
                    old.force(false);
                }
            } finally {
                old.close();
            }
        }
    }

    private void ensureOpen() throws IOException {
        if (channel != null) {
            return;
        }
        FileChannel opened = opener.open(path);
        try {
            long actual = opened.size();
            if (size < 0) {
                // First open: a process killed inside a large write can leave a half line,
                // never acknowledged; cut it so the next line doesn't run into it.
                size = wholeLinesEnd(actual);
                if (size < actual) {
                    opened.truncate(size);
                }
            } else if (actual > size) {
                opened.truncate(size); // a torn tail from the write that failed
            } else {
                size = actual; // the file was cut by someone else
            }
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        channel = opened;
    }

    /** Where the last whole line of the first {@code length} bytes of the file ends. */
    private long wholeLinesEnd(long length) throws IOException {
        if (length == 0) {
            return 0;
        }
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            long end = length;
            while (end > 0) {
                long from = Math.max(0, end - chunk.capacity());
                chunk.clear().limit((int) (end - from));
                while (chunk.hasRemaining() && reader.read(chunk, from + chunk.position()) >= 0) {
                    // read the whole chunk
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        return from + i + 1;
                    }
                }
                end = from;
            }
            return 0;
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    /** Writes all of {@code bytes}; {@code size} grows only once they all are written. */
    private void writeFully(ByteBuffer bytes) throws IOException {
        long n = 0;
        while (bytes.hasRemaining()) {
            n += channel.write(bytes);
        }
        size += n;
    }

    /**
     * audit.log becomes audit.log.1, .1 becomes .2, and so on up to .{keep}; the oldest is
     * deleted. Renames go oldest first, so a crash part-way leaves a gap, never a lost file
     * that was meant to be kept. The new audit.log is created on the next {@link #ensureOpen}.
     */
    private void rotate() throws IOException {
        close();
        if (keep == 0) {
            Files.deleteIfExists(path);
        } else {
            Files.deleteIfExists(numbered(keep));
            for (int i = keep - 1; i >= 1; i--) {
                Path from = numbered(i);
                if (Files.exists(from)) {
                    Files.move(from, numbered(i + 1), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            Files.move(path, numbered(1), StandardCopyOption.ATOMIC_MOVE);
        }
        size = 0;
        ensureOpen();
    }

    /** audit.log.{n}. */
    Path numbered(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }
}
