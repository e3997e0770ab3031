package dev.rshell.config.user;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import dev.rshell.config.role.Roles;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The user accounts, kept in the file {@code DATA_DIR/users}.
 *
 * <h2>File format</h2>
 * UTF-8 text, one user a line, five fields separated by a single tab:
 * <pre>
 * NAME &lt;TAB&gt; ROLE &lt;TAB&gt; HOME &lt;TAB&gt; PASSWORD-HASH &lt;TAB&gt; CERTIFICATE-FINGERPRINTS
 * alice	operator	/home/alice	$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$…	
 * </pre>
 * <ul>
 *   <li>NAME: {@link UserAccount#NAME_RULE}; each name once.</li>
 *   <li>ROLE: one of the known roles (by default {@code admin}, {@code operator}, {@code viewer}).</li>
 *   <li>HOME: an absolute path; {@code \\}, {@code \t}, {@code \n}, {@code \r} escape a
 *       backslash, tab, newline and carriage return, the only characters that could break
 *       the line. No other field can hold them.</li>
 *   <li>PASSWORD-HASH: an Argon2id PHC string ({@code $}, {@code ,} and {@code =} but never a
 *       tab), or empty for a user without a password.</li>
 *   <li>CERTIFICATE-FINGERPRINTS: comma-separated, or empty. The field may be missing
 *       altogether (four fields), since editors strip the trailing tab of an empty one.</li>
 * </ul>
 * Lines starting with {@code #} and blank lines are ignored; the store writes a header
 * comment and users in name order, so hand-written comments are not kept. A malformed file
 * is reported as a {@link ConfigException} naming {@code file:line} and what is wrong, and is
 * never overwritten: a typo must not cost the other accounts.
 *
 * <h2>Writes</h2>
 * Each change re-reads the file, applies the change and writes a new file beside it (mode
 * 0600 where the file system is POSIX), forces it to disk and renames it over the old one
 * atomically, so a reader sees the old file or the new one, never half of one. Changes hold
 * an exclusive {@link FileChannel#lock() lock} on {@code DATA_DIR/users.lock} (never deleted,
 * since deleting a lock file reopens the race it guards), so that a running server and any
 * number of {@code rshell-server user …} processes don't lose each other's updates.
 *
 * <h2>Reads</h2>
 * Every {@link #find}, {@link #list} and {@link #isEmpty} checks the file's identity, time and
 * size (one {@code stat}, cheap beside a password verification) and reloads it when any
 * changed, so a running server sees accounts added by another process on the next login.
 * When the file on disk is malformed, reads throw {@link ConfigException} rather than keep
 * serving the old accounts: a deleted user must not stay able to log in because of a typo
 * elsewhere.
 *
 * <h2>Thread safety</h2>
 * Safe for use by any number of threads. Reads share an immutable snapshot; reloads are
 * serialized; changes are serialized within the process by a lock and across processes by
 * the file lock. Several stores on one directory in one JVM also work (the OS file lock is
 * per process, so they take turns by retrying), but one store per directory is the intent.
 *
 * <p>I/O failures are thrown as {@link UncheckedIOException}.
 */
public final class UserStore {

    /** The users file's name in the data directory. */
    public static final String FILE_NAME = "users";
    /** The lock file's name in the data directory. */
    public static final String LOCK_FILE_NAME = "users.lock";

    private final Path dataDir;
    private final Path file;
    private final Path lockFile;
    private final Set<Role> roles;
    /** Serializes this store's changes; the file lock can't, as it is held per process. */
    private final ReentrantLock changeLock = new ReentrantLock();
    private final Object reloadLock = new Object();
    private volatile Snapshot snapshot;

    /** What the file looked like when read; any difference means "read it again". */
    private record FileState(Object fileKey, FileTime modified, long size) {
        static final FileState ABSENT = new FileState(null, null, -1);
    }

    /** The accounts as read, in name order, unmodifiable. */
    private record Snapshot(FileState state, Map<String, UserAccount> users) {
        Snapshot {
            users = Collections.unmodifiableMap(new TreeMap<>(users));
        }
    }

    /**
     * A store in {@code dataDir} with the built-in roles only; a server with configured roles
     * should use {@link #forSettings}.
     */
    public UserStore(Path dataDir) {
        this(dataDir, Set.copyOf(Role.BUILT_IN));
    }

    /**
     * A store in {@code dataDir} whose accounts may have the given roles. The directory is
     * created (mode 0700) on the first change.
     */
    public UserStore(Path dataDir, Set<Role> roles) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        this.file = this.dataDir.resolve(FILE_NAME);
        this.lockFile = this.dataDir.resolve(LOCK_FILE_NAME);
        this.roles = Set.copyOf(roles);
    }

    /**
     * The store of a server with {@code settings}: in its data directory, accepting every
     * role it defines ({@link ServerSettings#roles()}: the built-in ones and those of its
     * properties file).
     */
    public static UserStore forSettings(ServerSettings settings) {
        return new UserStore(settings.dataDir(), Roles.asRoles(settings.roles()));
    }

    /** The roles accounts may have. */
    public Set<Role> roles() {
        return roles;
    }

    /** The users file. */
    public Path file() {
        return file;
    }

    /** The account called {@code name}; empty for no such user or an invalid name. */
    public Optional<UserAccount> find(String name) {
        if (!UserAccount.isValidName(name)) {
            return Optional.empty(); // a login attempt with any garbage name is just "no such user"
        }
        return Optional.ofNullable(current().users().get(name));
    }

    /** Every account, in name order. */
    public List<UserAccount> list() {
        return List.copyOf(current().users().values());
    }

    /** Whether there are no accounts (no file, or a file without users). */
    public boolean isEmpty() {
        return current().users().isEmpty();
    }

    /**
     * Adds {@code account}.
     *
     * @throws IllegalStateException if a user of that name exists
     */
    public void add(UserAccount account) {
        change(users -> {
            if (users.putIfAbsent(account.name(), account) != null) {
                throw new IllegalStateException("user " + account.name() + " already exists");
            }
            return null;
        });
    }

    /**
     * Adds {@code account} only if there are no users at all, atomically with respect to other
     * processes: two servers starting at once create one first admin, not two.
     *
     * @return whether it was added
     */
    public boolean addIfEmpty(UserAccount account) {
        return change(users -> users.isEmpty() && users.put(account.name(), account) == null);
    }

    /**
     * Replaces the account of the same name.
     *
     * @throws NoSuchElementException if there is no such user
     */
    public void update(UserAccount account) {
        change(users -> {
            requireUser(users, account.name());
            return users.put(account.name(), account);
        });
    }

    /**
     * Sets the password hash of user {@code name}.
     *
     * @throws NoSuchElementException   if there is no such user
     * @throws IllegalArgumentException if {@code phc} is not an Argon2id PHC string
     */
    public void setPasswordHash(String name, String phc) {
        change(users -> users.put(name, requireUser(users, name).withPasswordHash(phc)));
    }

    /**
     * Removes user {@code name}.
     *
     * @throws NoSuchElementException if there is no such user
     */
    public void delete(String name) {
        change(users -> {
            requireUser(users, name);
            return users.remove(name);
        });
    }

    private static UserAccount requireUser(Map<String, UserAccount> users, String name) {
        UserAccount u = users.get(name);
        if (u == null) {
            throw new NoSuchElementException("no such user: " + name);
        }
        return u;
    }

    private Snapshot current() {
        FileState now = stat();
        Snapshot s = snapshot;
        if (s != null && s.state().equals(now)) {
            return s;
        }
        synchronized (reloadLock) {
            s = snapshot;
            if (s == null || !s.state().equals(stat())) {
                s = readFile();
                snapshot = s;
            }
            return s;
        }
    }

    /**
     * Reads the file. Its state is taken before its content, so if it is replaced in between
     * the snapshot looks stale and the next read loads it again, never the other way round.
     */
    private Snapshot readFile() {
        FileState state = stat();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Snapshot(FileState.ABSENT, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("can't read users file " + file, e);
        }
        return new Snapshot(state, UsersFile.parse(file, bytes, roles));
    }

    private FileState stat() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileState(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return FileState.ABSENT;
        } catch (IOException e) {
            throw new UncheckedIOException("can't read users file " + file, e);
        }
    }

    /**
     * Applies {@code mutation} to a fresh copy of the accounts under both locks and writes the
     * result if it differs. If the mutation throws, nothing is written.
     */
    private <R> R change(Function<Map<String, UserAccount>, R> mutation) {
        changeLock.lock();
        try {
            createDataDir();
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), ownerOnly(false));
                 FileLock ignored = lock(channel)) {
                Snapshot before = readFile();
                Map<String, UserAccount> users = new TreeMap<>(before.users());
                R result = mutation.apply(users);
                if (!users.equals(before.users())) {
                    write(UsersFile.format(users.values()));
                }
                synchronized (reloadLock) {
                    snapshot = new Snapshot(stat(), users);
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can't change users file " + file, e);
        } finally {
            changeLock.unlock();
        }
    }

    /**
     * The OS lock is per process: another store of this JVM holding it makes {@code lock()}
     * throw instead of wait, so wait here by retrying.
     */
    private static FileLock lock(FileChannel channel) throws IOException {
        while (true) {
            try {
                return channel.lock();
            } catch (OverlappingFileLockException e) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for the users lock");
                }
            }
        }
    }

    private void write(byte[] content) throws IOException {
        Path tmp = Files.createTempFile(dataDir, FILE_NAME + ".", ".tmp", ownerOnly(false));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true); // the data is on disk before the rename makes it the file
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Only on file systems that can't rename atomically even within a directory;
                // replacing is still better than failing to save the change.
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory();
    }

    /** Makes the rename itself durable; not every platform can open a directory, so best effort. */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(dataDir, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is still atomic, just possibly not yet durable
        }
    }

    private void createDataDir() throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, ownerOnly(true));
        }
    }

    private static FileAttribute<?>[] ownerOnly(boolean directory) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"))};
    }
}
