/**
 * Roles: what each role's users may run and read.
 *
 * <p>Owns {@link dev.rshell.config.role.RoleDefinition} (a role's
 * {@link dev.rshell.config.role.BuiltinRule}, {@link dev.rshell.config.role.ExecPolicy} and
 * read paths) and {@link dev.rshell.config.role.Roles}: the built-in definitions of
 * {@code admin}, {@code operator} and {@code viewer}, and the reading of
 * {@code role.NAME.KEY} lines of the properties file. The loader puts the result in
 * {@code ServerSettings.roles()}. Enforcing a policy (status 126, hiding commands from
 * {@code help}, fencing the data directory) belongs to the server.
 */
package dev.rshell.config.role;
