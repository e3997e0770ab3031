package dev.rshell.server.auth;

import java.net.InetAddress;

/**
 * Checks a user name and password.
 *
 * <p>Thread safety: implementations are called by many session reader threads at once and
 * bound their own cost (Argon2 verifications run under a concurrency limit).
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * Checks one login attempt; may block while other verifications run.
     *
     * @throws InterruptedException if the session closes while waiting
     */
    LoginResult authenticate(String user, String password, InetAddress from) throws InterruptedException;
}
