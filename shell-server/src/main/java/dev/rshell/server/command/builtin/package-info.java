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
 * {@code head} and {@code tail}; {@code FileFollower} is {@code tail -f}, polling one file by
 * name through truncation, replacement and disappearance; {@code LongFormat} renders
 * {@code ls -l} rows; {@code SystemStats} reads load and memory for {@code uptime} and
 * {@code sysinfo}.
 *
 * <p>The session's background commands are reached through the context: {@code jobs},
 * {@code kill} (not the OS {@code kill}: it only interrupts this session's background commands)
 * and {@code wait}, whose {@code N} or {@code %N} operands {@code JobNumbers} parses. The
 * server-wide ones go through {@link dev.rshell.server.command.ServerControl}: {@code who},
 * {@code wall}, {@code kick}, {@code shutdown} and {@code stats}; whether a role may run them
 * is the command policy's business, not theirs. {@code Durations} renders spans such as
 * {@code 3m12s} for {@code jobs} and {@code who}.
 *
 * <p>Built-ins see the session only through {@link dev.rshell.server.command.CommandContext}
 * and write only to its {@link dev.rshell.server.command.OutputSink}. They hold no state
 * between runs, so one instance serves every session and thread.
 */
package dev.rshell.server.command.builtin;
