package dev.rshell.config.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.ConfigException;
import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class UserStoreTest {

    static final String PHC =
            "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @TempDir
    Path dir;

    private static UserAccount user(String name, Role role) {
        return UserAccount.withPassword(name, role, Path.of("/home/" + name), PHC);
    }

    private Set<String> filesInDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void emptyWhenNoFile() {
        UserStore store = new UserStore(dir);
        assertTrue(store.isEmpty());
        assertEquals(List.of(), store.list());
        assertEquals(Optional.empty(), store.find("alice"));
        assertEquals(dir.resolve("users"), store.file());
    }

    @Test
    void roundTripThroughTheFile() {
        UserStore store = new UserStore(dir);
        UserAccount carol = new UserAccount("carol", Role.OPERATOR, Path.of("/srv/odd\tdir"),
                Optional.empty(), List.of("SHA256:aa:bb"));
        store.add(user("bob", Role.VIEWER));
        store.add(user("alice", Role.ADMIN));
        store.add(carol);
        UserStore fresh = new UserStore(dir);
        assertEquals(List.of(user("alice", Role.ADMIN), user("bob", Role.VIEWER), carol), fresh.list());
        assertEquals(Optional.of(carol), fresh.find("carol"));
        assertFalse(fresh.isEmpty());
    }

    @Test
    void writesLeaveNoTempFilesAndAreOwnerOnly() throws IOException {
        Path data = dir.resolve("data");
        UserStore store = new UserStore(data);
        store.add(user("alice", Role.ADMIN));
        store.setPasswordHash("alice", PasswordHasherTest.CHEAP.hash("x".toCharArray()));
        store.update(user("alice", Role.VIEWER));
        store.add(user("bob", Role.ADMIN));
        store.delete("bob");
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(Set.of("users", "users.lock"),
                    s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("users"))));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        }
    }

    @Test
    void replacingTheFileKeepsItOwnerOnly() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Files.writeString(dir.resolve("users"), "");
        Files.setPosixFilePermissions(dir.resolve("users"), PosixFilePermissions.fromString("rw-r--r--"));
        new UserStore(dir).add(user("alice", Role.ADMIN));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("users"))));
    }

    @Test
    void addExistingFailsAndChangesNothing() throws IOException {
        UserStore store = new UserStore(dir);
        store.add(user("alice", Role.ADMIN));
        String before = Files.readString(store.file());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.add(user("alice", Role.VIEWER)));
        assertEquals("user alice already exists", e.getMessage());
        assertEquals(before, Files.readString(store.file()));
        assertEquals(Role.ADMIN, store.find("alice").orElseThrow().role());
    }

    @Test
    void changesToMissingUsersFail() {
        UserStore store = new UserStore(dir);
        store.add(user("alice", Role.ADMIN));
        assertEquals("no such user: bob", assertThrows(NoSuchElementException.class,
                () -> store.delete("bob")).getMessage());
        assertThrows(NoSuchElementException.class, () -> store.update(user("bob", Role.ADMIN)));
        assertThrows(NoSuchElementException.class, () -> store.setPasswordHash("bob", PHC));
        assertThrows(IllegalArgumentException.class, () -> store.setPasswordHash("alice", "nope"));
        assertEquals(List.of(user("alice", Role.ADMIN)), new UserStore(dir).list());
    }

    @Test
    void updateSetPasswordAndDelete() {
        UserStore store = new UserStore(dir);
        store.add(user("alice", Role.ADMIN));
        store.update(user("alice", Role.VIEWER).withHome(Path.of("/elsewhere")));
        String phc = PasswordHasherTest.CHEAP.hash("new".toCharArray());
        store.setPasswordHash("alice", phc);
        UserAccount a = new UserStore(dir).find("alice").orElseThrow();
        assertEquals(Role.VIEWER, a.role());
        assertEquals(Path.of("/elsewhere"), a.home());
        assertTrue(PasswordHasherTest.CHEAP.verify(a.passwordHash().orElseThrow(), "new".toCharArray()));
        store.delete("alice");
        assertTrue(new UserStore(dir).isEmpty());
        assertTrue(store.isEmpty());
    }

    @Test
    void invalidNameIsSimplyNotFound() {
        UserStore store = new UserStore(dir);
        store.add(user("alice", Role.ADMIN));
        assertEquals(Optional.empty(), store.find("Alice"));
        assertEquals(Optional.empty(), store.find("../etc"));
        assertEquals(Optional.empty(), store.find(null));
    }

    @Test
    void concurrentAddsFromManyThreadsAndStoresLoseNothing() throws Exception {
        UserStore shared = new UserStore(dir);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                // Half the threads share one store; the others each have their own, as
                // separate processes would.
                UserStore store = t % 2 == 0 ? shared : new UserStore(dir);
                String prefix = "t" + t + "u";
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.add(user(prefix + i, Role.VIEWER));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(200, new UserStore(dir).list().size());
        assertEquals(200, shared.list().size());
        assertEquals(Set.of("users", "users.lock"), filesInDir());
    }

    @Test
    void concurrentAddsFromSeveralProcessesLoseNothing() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            processes.add(new ProcessBuilder(java, "-cp", classpath, AddUsersMain.class.getName(),
                    dir.toString(), "p" + p + "u", "15").redirectErrorStream(true).start());
        }
        UserStore here = new UserStore(dir);
        for (int i = 0; i < 15; i++) {
            here.add(user("main" + i, Role.VIEWER)); // and this process at the same time
        }
        for (Process p : processes) {
            assertTrue(p.waitFor(50, TimeUnit.SECONDS), "child did not finish");
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
        assertEquals(60, new UserStore(dir).list().size());
        assertEquals(60, here.list().size()); // and the long-lived store saw the others' work
    }

    @Test
    void reloadsWhenAnotherWriterChangesTheFile() {
        UserStore server = new UserStore(dir);
        assertEquals(Optional.empty(), server.find("alice"));
        new UserStore(dir).add(user("alice", Role.ADMIN));
        assertEquals(Optional.of(user("alice", Role.ADMIN)), server.find("alice"));
        new UserStore(dir).delete("alice");
        assertEquals(Optional.empty(), server.find("alice"));
    }

    @Test
    void reloadsAfterAnEditInPlace() throws IOException {
        UserStore server = new UserStore(dir);
        server.add(user("alice", Role.ADMIN));
        assertTrue(server.find("alice").isPresent());
        // Rewritten in place (same inode), as some editors do.
        Files.writeString(server.file(), "bob\toperator\t/home/bob\t" + PHC + "\n");
        assertEquals(Optional.empty(), server.find("alice"));
        assertEquals(Role.OPERATOR, server.find("bob").orElseThrow().role());
    }

    @Test
    void malformedFileIsReportedWithLineAndNeverOverwritten() throws IOException {
        Path file = dir.resolve("users");
        String text = "alice\tadmin\t/home/alice\t" + PHC + "\nbob\tsuperuser\t/home/bob\t\n";
        Files.writeString(file, text);
        UserStore store = new UserStore(dir);
        ConfigException e = assertThrows(ConfigException.class, () -> store.find("alice"));
        assertEquals(List.of("file " + file + ":2: role \"superuser\" is not one of admin, operator, viewer"),
                e.problems());
        assertThrows(ConfigException.class, () -> store.add(user("carol", Role.VIEWER)));
        assertEquals(text, Files.readString(file));
        // Fixed on disk: the same store serves again.
        Files.writeString(file, text.replace("superuser", "viewer"));
        assertEquals(Role.VIEWER, store.find("bob").orElseThrow().role());
    }

    @Test
    void addIfEmptyAddsOnlyTheFirst() {
        UserStore store = new UserStore(dir);
        assertTrue(store.addIfEmpty(user("admin", Role.ADMIN)));
        assertFalse(store.addIfEmpty(user("other", Role.ADMIN)));
        assertEquals(List.of(user("admin", Role.ADMIN)), store.list());
    }

    @Test
    void forSettingsAcceptsARoleOfThePropertiesFile() throws IOException {
        Path config = dir.resolve("server.properties");
        Files.writeString(config, "role.backup.exec = allow:rsync\n");
        Path data = dir.resolve("data");
        ServerSettings settings = new SettingsLoader(Map.of(), dir, Long.MAX_VALUE)
                .load(Optional.of(config), Map.of("data-dir", data.toString()));
        UserStore store = UserStore.forSettings(settings);
        assertEquals(data.resolve("users"), store.file());
        assertEquals(Set.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER, Role.of("backup")), store.roles());
        store.add(user("bk", Role.of("backup")));
        assertEquals(Optional.of(user("bk", Role.of("backup"))), UserStore.forSettings(settings).find("bk"));

        // A store that knows only the built-in roles refuses the file, naming the line and the roles.
        ConfigException e = assertThrows(ConfigException.class, () -> new UserStore(data).find("bk"));
        assertTrue(e.getMessage().contains("role \"backup\" is not one of admin, operator, viewer"), e.getMessage());
    }

    @Test
    void forSettingsRefusesARoleNoLongerConfigured() throws IOException {
        Path data = dir.resolve("data");
        ServerSettings settings = new SettingsLoader(Map.of(), dir, Long.MAX_VALUE)
                .load(Optional.empty(), Map.of("data-dir", data.toString()));
        UserStore store = UserStore.forSettings(settings);
        assertEquals(Set.copyOf(Role.BUILT_IN), store.roles());
        Files.createDirectories(data);
        Files.writeString(data.resolve("users"), "bk\tbackup\t/home/bk\t\n");
        ConfigException e = assertThrows(ConfigException.class, () -> store.find("bk"));
        assertTrue(e.getMessage().contains(":1:"), e.getMessage());
    }
}
