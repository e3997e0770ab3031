/**
 * The command-line parser: turns the text of one command line (protocol.md, "Command lines")
 * into an argv, or says why it can't.
 *
 * <p>Key types: {@link dev.rshell.common.command.CommandLineParser} (the one entry point, a
 * pure function that never throws for any line), {@link dev.rshell.common.command.ParseContext}
 * (what expansion reads from the session), {@link dev.rshell.common.command.ParseResult}
 * (command, empty line, or syntax error) and {@link dev.rshell.common.command.WordQuoter}
 * (the inverse for one word, used by {@code :complete}).
 *
 * <p>Package-private pieces, in the order a line meets them: {@code Lexer} (quotes, escapes,
 * {@code $} and {@code ~} expansion, operators, comments, one pass), {@code Globber} with
 * {@code GlobPattern} (file-name generation against the file system) and {@code GlobBudget}
 * (the limits that keep a hostile pattern cheap).
 *
 * <p>Nothing here holds state between calls, so every type is safe to use from any thread.
 */
package dev.rshell.common.command;
