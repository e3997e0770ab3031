package dev.rshell.client.fanout;

/**
 * A host set that can't be expanded: a bad range, an unknown or empty group, a cycle of groups,
 * a malformed groups or hosts file. The message is one line naming the culprit (and, for a file,
 * {@code FILE:LINE}); the client reports it as a usage error, status 2.
 *
 * <p>A subclass of {@link IllegalArgumentException} on purpose: the client's planner already
 * turns that into "rshell: MESSAGE (try rshell --help)" and status 2, and a host set is one more
 * argument that can be wrong.
 */
public final class HostSetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message one line, shown after "rshell: " */
    public HostSetException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // An expected answer to bad input, not a bug: no stack trace to pay for.
        return this;
    }
}
