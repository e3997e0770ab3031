/**
 * The built-in commands: one class per command, registered by
 * {@link dev.rshell.server.command.builtin.Builtins#registerAll}.
 *
 * <p>Every built-in extends the package-private {@code BuiltinCommand}, which owns the shared
 * conventions: usage errors (status 2, a line saying what was wrong, then
 * {@code usage: SYNOPSIS}), file errors ({@code CMD: ARG: reason}, status 1), GNU-style short
 * option parsing, the read fence ({@code readable}: {@code cat}, {@code head}, {@code tail}
 * and {@code ls} pass every path through it before opening or listing it, and a path the
 * role may not read is a file error naming the role), and the interrupt check that long loops
 * call. {@code LineStreamer} turns a byte stream into bounded output lines for {@code cat},
 * {@code head} and {@code tail}; {@code LongFormat} renders {@code ls -l} rows;
 * {@code SystemStats} reads load and memory for {@code uptime} and {@code sysinfo}.
 *
 * <p>Built-ins see the session only through {@link dev.rshell.server.command.CommandContext}
 * and write only to its {@link dev.rshell.server.command.OutputSink}. They hold no state
 * between runs, so one instance serves every session and thread.
 */
package dev.rshell.server.command.builtin;
