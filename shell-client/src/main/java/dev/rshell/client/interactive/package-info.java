/**
 * The interactive rshell: a JLine line editor on the user's terminal, connected to one session.
 *
 * <p>Key types: {@link dev.rshell.client.interactive.InteractiveShell} (the input thread's loop,
 * and the threading model, written down there), {@link dev.rshell.client.interactive.ShellListener}
 * (the reader thread's side: prints through {@code LineReader.printAbove}, the one call that
 * prints from the reader thread), {@link dev.rshell.client.interactive.SessionState} (foreground
 * and background commands, the interrupted ones whose output is dropped, working directory, how
 * the session ended),
 * {@link dev.rshell.client.interactive.Outgoing} (every line sent; control requests matched to
 * their {@code ok}/{@code no} in order), {@link dev.rshell.client.interactive.RemoteCompleter}
 * with {@link dev.rshell.client.interactive.WordParser} and
 * {@link dev.rshell.client.interactive.ServerMatcher} (Tab completion from {@code :complete}),
 * {@link dev.rshell.client.interactive.ShellHistory} (per-server history without secrets),
 * {@link dev.rshell.client.interactive.Prompt}, {@link dev.rshell.client.interactive.Screen}
 * (styles), {@link dev.rshell.client.interactive.TypeAhead} (a Ctrl-C typed right after Enter),
 * and {@link dev.rshell.client.interactive.TerminalSource} (the system terminal, never a dumb one).
 *
 * <p>{@code --keepalive}: {@link dev.rshell.client.interactive.Keepalive} (ping and silence
 * detection, for both modes). Two stop-gaps live here only because this package could not
 * change {@code connect}: {@link dev.rshell.client.interactive.WireTap} (a transport decorator
 * that reads the role from the login reply, which {@code ClientSession} does not hand on) and
 * {@link dev.rshell.client.interactive.WireKeepalive} (keepalive for batch mode, whose
 * connection the batch runner owns). Both belong in {@code connect}.
 */
package dev.rshell.client.interactive;
