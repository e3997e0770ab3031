package dev.rshell.config.user;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A user who may log in: name, role, home directory, and credentials.
 *
 * <p>{@link #toString()} leaves the password hash out, so an account can be logged safely.
 *
 * @param name                    login name, see {@link #NAME_RULE}
 * @param role                    what the user may do
 * @param home                    absolute home directory; sessions start there
 * @param passwordHash            Argon2id PHC string; empty for a user who can't log in by
 *                                password (e.g. certificate-only, later)
 * @param certificateFingerprints client certificate fingerprints that log this user in;
 *                                empty for now
 */
public record UserAccount(String name, Role role, Path home, Optional<String> passwordHash,
                          List<String> certificateFingerprints) {

    /** What a user name may be, in words; like Unix login names. */
    public static final String NAME_RULE =
            "1 to 32 characters from a-z, 0-9, _, . and -, starting with a letter or _";

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.-]{0,31}");
    /** Printable ASCII without blanks or commas: fits the users file and a fingerprint. */
    private static final Pattern FINGERPRINT = Pattern.compile("[!-+\\--~]+");

    /** @throws IllegalArgumentException for an invalid name, relative home or malformed credential */
    public UserAccount {
        requireValidName(name);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(home, "home");
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home of " + name + " must be an absolute path: " + home);
        }
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (passwordHash.isPresent() && !PasswordHasher.isWellFormed(passwordHash.get())) {
            throw new IllegalArgumentException("password hash of " + name
                    + " is not an Argon2id PHC string");
        }
        certificateFingerprints = List.copyOf(certificateFingerprints);
        for (String f : certificateFingerprints) {
            if (!FINGERPRINT.matcher(f).matches()) {
                throw new IllegalArgumentException("certificate fingerprint of " + name
                        + " has blanks, commas or control characters: " + f);
            }
        }
    }

    /** A user who logs in with a password and has no certificates. */
    public static UserAccount withPassword(String name, Role role, Path home, String passwordHash) {
        return new UserAccount(name, role, home, Optional.of(passwordHash), List.of());
    }

    /** Whether {@code name} is a valid user name. */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns {@code name} if valid.
     *
     * @throws IllegalArgumentException naming the value and {@link #NAME_RULE}
     */
    public static String requireValidName(String name) {
        if (!isValidName(name)) {
            throw new IllegalArgumentException("user name " + quote(name) + " is not allowed: "
                    + NAME_RULE);
        }
        return name;
    }

    private static String quote(String s) {
        return s == null ? "null" : dev.rshell.config.source.Text.quote(s);
    }

    /** This account with another password hash. */
    public UserAccount withPasswordHash(String phc) {
        return new UserAccount(name, role, home, Optional.of(phc), certificateFingerprints);
    }

    /** This account with another role. */
    public UserAccount withRole(Role newRole) {
        return new UserAccount(name, newRole, home, passwordHash, certificateFingerprints);
    }

    /** This account with another home directory. */
    public UserAccount withHome(Path newHome) {
        return new UserAccount(name, role, newHome, passwordHash, certificateFingerprints);
    }

    @Override
    public String toString() {
        return "UserAccount[name=" + name + ", role=" + role + ", home=" + home
                + ", password=" + (passwordHash.isPresent() ? "set" : "none")
                + ", certificates=" + certificateFingerprints.size() + "]";
    }
}
