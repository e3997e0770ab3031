package dev.rshell.server.session;

import dev.rshell.server.command.CommandRegistry;
import dev.rshell.server.policy.AccessPolicy;
import java.nio.file.Path;

/**
 * What a login settles about a session, made once and published at once: who is logged in,
 * what they may run and read, and their shell's state. A session that has one is logged in.
 *
 * @param user     the user's name
 * @param role     the user's role name
 * @param home     the user's home directory
 * @param state    the shell's variables, working directory and {@code $?}
 * @param policy   what the role may run and read
 * @param commands the built-ins the role may run (for {@code help} and completion)
 * @param resolver what command words run for this user
 */
record LoggedIn(String user, String role, Path home, SessionState state, AccessPolicy policy,
                CommandRegistry commands, CommandResolver resolver) {
}
