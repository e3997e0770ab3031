package dev.rshell.client.trust;

import dev.rshell.client.ClientHome;
import dev.rshell.client.connect.Target;
import dev.rshell.common.tls.Fingerprints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A snapshot of the client's {@code known_hosts} file: the servers it trusts, by certificate
 * fingerprint, as ssh's file of the same name.
 *
 * <h2>Format</h2>
 * UTF-8 text, one server a line: {@code HOST:PORT SHA256:FINGERPRINT}, separated by blanks,
 * e.g. {@code lab-01:7022 SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU}. An IPv6 address
 * is written in brackets ({@code [::1]:7022}); a host name is compared without regard to case,
 * and exactly as typed otherwise ({@code localhost:7022} and {@code 127.0.0.1:7022} are two
 * servers, as in ssh). The fingerprint may also be written as openssl prints it (hex). Empty
 * lines and lines starting with {@code #} are comments; further fields after the fingerprint are
 * ignored (room for a note). Line numbers count every line, comments too, so that
 * "remove line N" is exact.
 *
 * <p>Several lines may name one server (a certificate being rotated): the server is trusted when
 * any of them matches. A line for the server whose fingerprint is malformed never matches, so it
 * turns a connection into a refusal rather than being skipped silently.
 *
 * <p>Writing: {@link #append} creates the directory ({@code rwx------}) and the file
 * ({@code rw-------}) when missing and appends one line under an exclusive file lock, after
 * re-reading the file, so two clients remembering servers at once neither lose nor duplicate
 * lines.
 *
 * <p>Thread safety: a snapshot is immutable; {@link #append} is safe from any thread and any
 * process (an in-process monitor, then an exclusive file lock).
 */
public final class KnownHosts {

    /** What the file says about a server and the fingerprint it presented. */
    public sealed interface Lookup {
        /** No line names the server. */
        record Unknown() implements Lookup {
        }

        /** Line {@code line} (1-based) names the server with this fingerprint. */
        record Match(int line) implements Lookup {
        }

        /**
         * Lines name the server, none with this fingerprint; {@code line} is the first of them
         * and {@code expected} its fingerprint field as written.
         */
        record Mismatch(int line, String expected) implements Lookup {
        }
    }

    private record Entry(int line, String authority, Optional<String> fingerprint, String written) {
    }

    /** Serialises appends within this process; see {@link #append}. */
    private static final Object APPEND_LOCK = new Object();

    private final Path file;
    private final List<Entry> entries;

    private KnownHosts(Path file, List<Entry> entries) {
        this.file = file;
        this.entries = List.copyOf(entries);
    }

    /** Reads {@code file}; a missing file is an empty list. */
    public static KnownHosts read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new KnownHosts(file, List.of());
        }
        return new KnownHosts(file, parse(decode(bytes)));
    }

    /** The file this snapshot was read from. */
    public Path file() {
        return file;
    }

    /** The key a server is filed under: {@code host:port}, brackets around IPv6, lower case. */
    public static String key(String host, int port) {
        return Target.authority(host.toLowerCase(Locale.ROOT), port);
    }

    /** The line {@link #append} writes. */
    public static String line(String host, int port, String fingerprint) {
        return key(host, port) + " " + fingerprint;
    }

    /**
     * What the file says about {@code host:port} presenting {@code fingerprint}.
     *
     * @param fingerprint canonical {@code SHA256:…}
     */
    public Lookup lookup(String host, int port, String fingerprint) {
        String key = key(host, port);
        Entry firstForHost = null;
        for (Entry e : entries) {
            if (!e.authority().equals(key)) {
                continue;
            }
            if (e.fingerprint().isPresent() && e.fingerprint().get().equals(fingerprint)) {
                return new Lookup.Match(e.line());
            }
            if (firstForHost == null) {
                firstForHost = e;
            }
        }
        return firstForHost == null ? new Lookup.Unknown()
                : new Lookup.Mismatch(firstForHost.line(), firstForHost.written());
    }

    /**
     * Appends {@code host:port fingerprint} unless the file, re-read under the lock, already
     * knows the server.
     *
     * @return what the file said before the append ({@link Lookup.Unknown} when this call added
     *         the line, whose number is then {@link #lineOf})
     */
    public static Lookup append(Path file, String host, int port, String fingerprint) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ClientHome.createPrivateDirectory(dir);
        FileAttribute<?>[] attrs = ClientHome.posix(dir)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try {
            Files.createFile(file, attrs);
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            // appended to below
        }
        // A FileLock excludes other processes only; threads of this one take APPEND_LOCK first
        // (a second FileLock in the same JVM would throw OverlappingFileLockException).
        synchronized (APPEND_LOCK) {
            return appendLocked(file, host, port, fingerprint);
        }
    }

    private static Lookup appendLocked(Path file, String host, int port, String fingerprint) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.lock(); // held until the channel closes, below
            byte[] bytes = readAll(channel);
            String text = decode(bytes);
            Lookup before = new KnownHosts(file, parse(text)).lookup(host, port, fingerprint);
            if (!(before instanceof Lookup.Unknown)) {
                return before;
            }
            String add = (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + line(host, port, fingerprint) + "\n";
            ByteBuffer out = ByteBuffer.wrap(add.getBytes(StandardCharsets.UTF_8));
            long position = channel.size();
            while (out.hasRemaining()) {
                position += channel.write(out, position);
            }
            channel.force(false);
            return before;
        }
    }

    /** The number of the line that names {@code host:port} with {@code fingerprint}, if any. */
    public static Optional<Integer> lineOf(Path file, String host, int port, String fingerprint) throws IOException {
        Lookup l = read(file).lookup(host, port, fingerprint);
        return l instanceof Lookup.Match m ? Optional.of(m.line()) : Optional.empty();
    }

    private static byte[] readAll(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, channel.size()));
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static String decode(byte[] bytes) throws IOException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static List<Entry> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            String authority = fields[0].toLowerCase(Locale.ROOT);
            String written = fields.length > 1 ? fields[1] : "(no fingerprint)";
            Optional<String> fingerprint = fields.length > 1 ? Fingerprints.normalize(fields[1]) : Optional.empty();
            entries.add(new Entry(i + 1, authority, fingerprint, written));
        }
        return entries;
    }
}
