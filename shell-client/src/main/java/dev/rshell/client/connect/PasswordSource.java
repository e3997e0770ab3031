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

    /**
     * Another password after the server refused one, while the server allows more tries.
     *
     * @param reason one line saying what failed, e.g. {@code login failed for alice; try again}
     * @return the password, or {@code null} when no other can be had (it came from a file or a
     *         variable, or nobody answered): the login then fails
     */
    default String retry(String reason) throws SessionFailure {
        return null;
    }
}
