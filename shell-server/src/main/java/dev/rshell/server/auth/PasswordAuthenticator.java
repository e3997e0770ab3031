package dev.rshell.server.auth;

import dev.rshell.config.user.PasswordHasher;
import dev.rshell.config.user.PasswordPolicy;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * Checks passwords against the users file with Argon2id.
 *
 * <p>An unknown user costs the same work as a wrong password ({@link PasswordHasher#burn}),
 * and both answer the same failure to the client, so replies and timing don't tell which
 * names exist. Each verification allocates its whole Argon2 memory cost, so at most
 * {@code max-concurrent-logins} run at once: a login flood waits here instead of exhausting
 * the heap.
 *
 * <p>Thread safety: thread-safe; the user store reloads itself when the file changes, so a
 * running server sees {@code rshell-server user} changes at the next login.
 */
public final class PasswordAuthenticator implements Authenticator {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final Semaphore verifications;
    private final PasswordPolicy policy;

    /**
     * @param users         the users file
     * @param hasher        the Argon2id hasher (cost of new hashes and of dummy work)
     * @param maxConcurrent verifications at once
     * @param policy        what a new password must be ({@code passwd})
     */
    public PasswordAuthenticator(UserStore users, PasswordHasher hasher, int maxConcurrent, PasswordPolicy policy) {
        this.users = users;
        this.hasher = hasher;
        this.verifications = new Semaphore(maxConcurrent, true);
        this.policy = policy;
    }

    /** What a new password must be. */
    public PasswordPolicy policy() {
        return policy;
    }

    @Override
    public LoginResult authenticate(String user, String password, InetAddress from)
            throws InterruptedException {
        char[] secret = password.toCharArray();
        verifications.acquire();
        try {
            Optional<UserAccount> account = lookUp(user);
            Optional<String> hash = account.flatMap(UserAccount::passwordHash);
            if (hash.isEmpty()) {
                hasher.burn(secret);
                return new LoginResult.Failure(account.isEmpty() ? "unknown user" : "no password set");
            }
            if (!hasher.verify(hash.get(), secret)) {
                return new LoginResult.Failure("wrong password");
            }
            UserAccount a = account.get();
            return new LoginResult.Success(a.name(), a.role().name(), a.home());
        } finally {
            verifications.release();
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Changes {@code user}'s password when {@code oldPassword} is right: the same verification
     * (and concurrency limit) as a login, then a new hash at the server's current cost.
     */
    public boolean changePassword(String user, char[] oldPassword, char[] newPassword) throws InterruptedException {
        if (!(authenticate(user, new String(oldPassword), null) instanceof LoginResult.Success)) {
            return false;
        }
        users.setPasswordHash(user, hasher.hash(newPassword));
        return true;
    }

    private Optional<UserAccount> lookUp(String user) {
        if (!UserAccount.isValidName(user)) {
            return Optional.empty();
        }
        try {
            return users.find(user);
        } catch (RuntimeException e) {
            // A users file broken by hand must not crash sessions; nobody logs in until fixed.
            System.err.println("rshell-server: users file unreadable: " + e.getMessage());
            return Optional.empty();
        }
    }
}
