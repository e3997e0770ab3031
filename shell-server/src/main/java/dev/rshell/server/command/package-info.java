/**
 * Commands and how they are found: the {@link dev.rshell.server.command.Command} interface,
 * the {@link dev.rshell.server.command.CommandContext} a command sees, its
 * {@link dev.rshell.server.command.OutputSink}, and the
 * {@link dev.rshell.server.command.CommandRegistry}. Built-ins live in {@code builtin}; OS
 * commands in {@code dev.rshell.server.exec}. Nothing here knows about sockets.
 */
package dev.rshell.server.command;
