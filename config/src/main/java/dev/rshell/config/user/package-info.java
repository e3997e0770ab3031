/**
 * User accounts and password hashing.
 *
 * <p>Owns {@link dev.rshell.config.user.UserAccount} and {@link dev.rshell.config.user.Role};
 * {@link dev.rshell.config.user.UserStore}, the users file in the data directory (its format
 * is documented there) with atomic, locked updates and reload on change;
 * {@link dev.rshell.config.user.PasswordHasher}, Argon2id in PHC format; and
 * {@link dev.rshell.config.user.FirstStart}, which creates the first admin. What a role may
 * run is defined in {@code config.role} and enforced by the server, which also limits
 * concurrent logins.
 */
package dev.rshell.config.user;
