package dev.rshell.server.auth;

import java.nio.file.Path;

/** The outcome of one login attempt. */
public sealed interface LoginResult {

    /** The credentials were right: the session belongs to this user from now on. */
    record Success(String user, String role, Path home) implements LoginResult {
    }

    /**
     * The credentials were wrong or the user unknown (the client is told the same in both
     * cases); {@code reason} is for the audit log only.
     */
    record Failure(String reason) implements LoginResult {
    }
}
