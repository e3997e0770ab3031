package dev.rshell.config.user;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a fresh server usable: when there are no users, creates {@code admin} with a random
 * password that the caller prints once. Only the password's hash is stored.
 */
public final class FirstStart {

    /** The name of the account created on first start. */
    public static final String ADMIN_NAME = "admin";
    /** Length of the generated password: about 116 bits from {@link #ALPHABET}. */
    public static final int PASSWORD_LENGTH = 20;
    /** Letters and digits without look-alikes (0/O, 1/l/I), easy to read off a terminal. */
    static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /**
     * The account created and its password, to show once.
     *
     * @param account  the new admin account
     * @param password the generated password in clear; not kept anywhere else
     */
    public record InitialAdmin(UserAccount account, String password) {
        public InitialAdmin {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "InitialAdmin[account=" + account + ", password=(hidden)]";
        }
    }

    private FirstStart() {
    }

    /** {@link #ensureAdmin(UserStore, PasswordHasher, Path, SecureRandom)} with a new SecureRandom. */
    public static Optional<InitialAdmin> ensureAdmin(UserStore store, PasswordHasher hasher, Path home) {
        return ensureAdmin(store, hasher, home, new SecureRandom());
    }

    /**
     * Creates the {@code admin} account (role admin, home {@code home}) if the store has no
     * users. The check and the creation are one atomic change of the users file, so two
     * processes starting together don't both create it.
     *
     * @return the account and its password when it was created; empty when users existed
     */
    public static Optional<InitialAdmin> ensureAdmin(UserStore store, PasswordHasher hasher,
                                                     Path home, SecureRandom random) {
        if (!store.isEmpty()) {
            return Optional.empty(); // the usual case: skip the cost of hashing
        }
        char[] password = randomPassword(random);
        try {
            UserAccount admin = UserAccount.withPassword(ADMIN_NAME, Role.ADMIN, home,
                    hasher.hash(password));
            return store.addIfEmpty(admin)
                    ? Optional.of(new InitialAdmin(admin, new String(password)))
                    : Optional.empty();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** {@value #PASSWORD_LENGTH} characters drawn uniformly from {@link #ALPHABET}. */
    static char[] randomPassword(SecureRandom random) {
        char[] p = new char[PASSWORD_LENGTH];
        for (int i = 0; i < p.length; i++) {
            p[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length())); // nextInt(n) is unbiased
        }
        return p;
    }
}
