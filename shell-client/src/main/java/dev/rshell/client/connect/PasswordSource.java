package dev.rshell.client.connect;

/**
 * Supplies the password for {@code :login}, asked only when the server wants one (after its
 * {@code hello}), so a prompt never appears for a server that is down or busy.
 */
@FunctionalInterface
public interface PasswordSource {

    /**
     * @return the password (may be empty)
     * @throws SessionFailure when no password can be had; the message says how to give one
     */
    String password() throws SessionFailure;
}
