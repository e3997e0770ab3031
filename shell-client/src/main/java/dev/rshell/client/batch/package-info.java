/**
 * The batch client: command lines from arguments, {@code -c}, {@code -f} files or stdin are
 * sent to one session, pipelined within a window (or one at a time with {@code -e}), their
 * output printed as it arrives, their {@code end}s counted.
 *
 * <p>Key types: {@link dev.rshell.client.batch.Script} (where lines come from; which of them are
 * commands, mirroring the server's own classification), {@link dev.rshell.client.batch.BatchRunner}
 * (the main thread's send loop), {@link dev.rshell.client.batch.CommandTracker} (which commands
 * are still owed an {@code end}; shared with the reader thread),
 * {@link dev.rshell.client.batch.BatchListener} (prints on the reader thread, byte-exact with
 * protocol 1.1) and {@link dev.rshell.client.batch.BatchOutcome} (status, failure or script error).
 *
 * <p>Standard input (protocol 1.1): the command that gets it ({@link
 * dev.rshell.client.batch.BatchSettings#stdinTo()}) is sent as {@code :stdin}; a
 * {@link dev.rshell.client.batch.StdinPump} on a thread of its own streams stdin to it through an
 * {@link dev.rshell.client.batch.InputEncoder} ({@code :inb}, or {@code :in} text lines without
 * {@code bytes}) within the {@link dev.rshell.client.batch.InputWindow} the server grants.
 */
package dev.rshell.client.batch;
