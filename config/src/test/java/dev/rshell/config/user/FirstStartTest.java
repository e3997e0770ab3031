package dev.rshell.config.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstStartTest {

    @TempDir
    Path dir;

    private final PasswordHasher hasher = PasswordHasherTest.CHEAP;

    @Test
    void createsAdminWithRandomPasswordStoringOnlyTheHash() throws IOException {
        UserStore store = new UserStore(dir);
        FirstStart.InitialAdmin created = FirstStart.ensureAdmin(store, hasher, Path.of("/root")).orElseThrow();
        String password = created.password();
        assertEquals(FirstStart.PASSWORD_LENGTH, password.length());
        for (char c : password.toCharArray()) {
            assertTrue(FirstStart.ALPHABET.indexOf(c) >= 0, "unexpected " + c);
        }
        UserAccount admin = new UserStore(dir).find("admin").orElseThrow();
        assertEquals(created.account(), admin);
        assertEquals(Role.ADMIN, admin.role());
        assertEquals(Path.of("/root"), admin.home());
        assertTrue(hasher.verify(admin.passwordHash().orElseThrow(), password.toCharArray()));
        assertFalse(Files.readString(store.file()).contains(password));
        assertFalse(created.toString().contains(password));
    }

    @Test
    void doesNothingWhenUsersExist() {
        UserStore store = new UserStore(dir);
        assertTrue(FirstStart.ensureAdmin(store, hasher, Path.of("/root")).isPresent());
        assertEquals(Optional.empty(), FirstStart.ensureAdmin(store, hasher, Path.of("/root")));

        UserStore other = new UserStore(dir.resolve("other"));
        other.add(UserAccount.withPassword("alice", Role.OPERATOR, Path.of("/home/alice"), UserStoreTest.PHC));
        assertEquals(Optional.empty(), FirstStart.ensureAdmin(other, hasher, Path.of("/root")));
        assertEquals(Optional.empty(), other.find("admin"));
    }

    @Test
    void passwordsDiffer() {
        SecureRandom random = new SecureRandom();
        assertNotEquals(new String(FirstStart.randomPassword(random)), new String(FirstStart.randomPassword(random)));
    }
}
