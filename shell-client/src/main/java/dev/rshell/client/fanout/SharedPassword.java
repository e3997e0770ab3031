package dev.rshell.client.fanout;

import dev.rshell.client.connect.PasswordSource;
import dev.rshell.client.connect.SessionFailure;

/**
 * One password for every host: the first host that needs one asks the source (a file, the
 * variable, or one prompt); the others wait for that answer and get the same, or the same
 * failure. A refused password is not asked again: with many hosts, a retry prompt per host
 * would be a flood, so those hosts count as login refused.
 *
 * <p>Thread safety: {@link #password()} is synchronized; the source is called at most once.
 */
public final class SharedPassword implements PasswordSource {

    private final PasswordSource source;
    private boolean asked;
    private String password;
    private SessionFailure failure;

    public SharedPassword(PasswordSource source) {
        this.source = source;
    }

    @Override
    public synchronized String password() throws SessionFailure {
        if (!asked) {
            asked = true;
            try {
                password = source.password();
            } catch (SessionFailure f) {
                failure = f;
            }
        }
        if (failure != null) {
            throw new SessionFailure(failure.kind(), failure.getMessage());
        }
        return password;
    }

    @Override
    public String retry(String reason) {
        return null;
    }
}
