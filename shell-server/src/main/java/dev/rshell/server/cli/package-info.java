/**
 * The {@code rshell-server} command line: {@link dev.rshell.server.cli.ServerMain} (entry point
 * and exit statuses), serving, and the {@code user} subcommands.
 */
package dev.rshell.server.cli;
