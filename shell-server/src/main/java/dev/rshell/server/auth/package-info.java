/**
 * Authentication: the {@link dev.rshell.server.auth.Authenticator} a session asks at
 * {@code :login}, its {@link dev.rshell.server.auth.LoginResult}, and the password
 * implementation over the users file.
 */
package dev.rshell.server.auth;
