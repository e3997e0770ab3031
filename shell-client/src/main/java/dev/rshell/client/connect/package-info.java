/**
 * Reaching a server: everything between "a target on the command line" and "a logged-in
 * session that takes command lines".
 *
 * <p>Key types: {@link dev.rshell.client.connect.Target} (parses {@code [USER@]HOST[:PORT]}),
 * {@link dev.rshell.client.connect.Transport} (opens the socket; plain TCP today, TLS plugs in
 * here later), {@link dev.rshell.client.connect.Connection} (the socket, its one reader thread
 * and the line writer), {@link dev.rshell.client.connect.ServerListener} (what the reader thread
 * hands typed lines to), and {@link dev.rshell.client.connect.ClientSession} (hello and login
 * handshake, then forwards lines to the mode's listener). Every failure to connect, log in or
 * follow the protocol surfaces as a one-line {@link dev.rshell.client.connect.SessionFailure}
 * or {@link dev.rshell.client.connect.ConnectionEnd}; the caller turns it into status 255.
 */
package dev.rshell.client.connect;
