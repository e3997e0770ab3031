package dev.rshell.config.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "_svc", "alice", "bob.smith", "x-1_2.3", "abcdefghijklmnopqrstuvwxyz012345"})
    void validNames(String name) {
        assertTrue(UserAccount.isValidName(name));
        assertEquals(name, UserAccount.requireValidName(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Alice", "1abc", "-x", ".x", "a b", "a:b", "a\tb", "é",
        "abcdefghijklmnopqrstuvwxyz0123456"})
    void invalidNames(String name) {
        assertFalse(UserAccount.isValidName(name));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserAccount.requireValidName(name));
        assertTrue(e.getMessage().startsWith("user name \""), e.getMessage());
        assertTrue(e.getMessage().endsWith("is not allowed: " + UserAccount.NAME_RULE), e.getMessage());
    }

    @Test
    void nullNameIsInvalid() {
        assertFalse(UserAccount.isValidName(null));
        assertThrows(IllegalArgumentException.class, () -> UserAccount.requireValidName(null));
    }

    @Test
    void accountChecksHomeHashAndFingerprints() {
        assertThrows(IllegalArgumentException.class,
                () -> new UserAccount("a", Role.ADMIN, Path.of("rel"), Optional.empty(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> UserAccount.withPassword("a", Role.ADMIN, Path.of("/a"), "$2b$10$bcrypt"));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAccount("a", Role.ADMIN, Path.of("/a"), Optional.empty(), List.of("a,b")));
        assertThrows(IllegalArgumentException.class,
                () -> new UserAccount("a", Role.ADMIN, Path.of("/a"), Optional.empty(), List.of("a b")));
    }

    @Test
    void toStringHidesTheHash() {
        String phc = PasswordHasherTest.CHEAP.hash("pw".toCharArray());
        UserAccount a = UserAccount.withPassword("alice", Role.OPERATOR, Path.of("/home/alice"), phc);
        assertFalse(a.toString().contains("argon2"), a.toString());
        assertTrue(a.toString().contains("password=set"), a.toString());
    }

    @Test
    void rolesAreValidatedNames() {
        assertEquals(Role.ADMIN, Role.of("admin"));
        assertTrue(Role.of("viewer").isBuiltIn());
        assertFalse(Role.of("auditor").isBuiltIn());
        assertEquals("operator", Role.OPERATOR.toString());
        assertThrows(IllegalArgumentException.class, () -> Role.of("Admin"));
        assertThrows(IllegalArgumentException.class, () -> Role.of(""));
        assertThrows(IllegalArgumentException.class, () -> Role.of("a\tb"));
    }
}
