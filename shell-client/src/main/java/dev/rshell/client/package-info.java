/**
 * The {@code rshell} command: {@link dev.rshell.client.ClientMain} (picocli root, option checks,
 * the mapping from outcomes to exit statuses, and {@code main}, the only place that calls
 * {@code System.exit}), {@link dev.rshell.client.ClientIo} (the process's streams, environment
 * and terminal, injected so tests can assert exact output), and
 * {@link dev.rshell.client.Passwords} (where the login password comes from).
 *
 * <p>Sub-packages: {@code connect} (reaching and logging in to a server) and {@code batch}
 * (sending a script and printing its output). The interactive shell ({@code interactive}) and
 * the {@code bench} and {@code keygen} subcommands arrive in later issues.
 */
package dev.rshell.client;
