/**
 * OS commands: finding, running and ending the programs a session starts.
 *
 * <ul>
 *   <li>{@link dev.rshell.server.exec.ProgramResolver}: a command word to a program on the
 *       session's {@code PATH}, as a sealed result (found, not found, not executable).</li>
 *   <li>{@link dev.rshell.server.exec.OsCommandRunner}: runs one program (no shell) in its own
 *       process group, streams its output as lines to the command's sink, ends its process tree
 *       when interrupted. Shared by all sessions.</li>
 *   <li>{@link dev.rshell.server.exec.ProcessTracker}: one per session; every process group the
 *       session started, so that its teardown ({@code killAll}) leaves no OS process behind.</li>
 *   <li>{@link dev.rshell.server.exec.ProcessJournal}: one per server; a record on disk of each
 *       group that may be alive, so the next start ends what a killed server left running.</li>
 * </ul>
 *
 * <p>Package-private helpers: {@code LineAssembler} (bytes to bounded UTF-8 lines),
 * {@code ProcTable} (Linux {@code /proc} snapshot: groups, parents, zombies) and
 * {@code TreeKiller} (TERM, grace, KILL over a group and its descendants).
 *
 * <p>Threads: this package starts none and owns no executor. A command's process is started,
 * read and, if need be, killed on the thread that called
 * {@link dev.rshell.server.exec.OsCommandRunner#run}; {@code killAll} runs on the thread that
 * closes the session.
 *
 * <p>Portability: written for Linux; elsewhere programs run without a process group and only
 * their live descendants can be ended (see {@link dev.rshell.server.exec.OsCommandRunner}).
 */
package dev.rshell.server.exec;
