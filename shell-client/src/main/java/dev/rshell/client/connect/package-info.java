/**
 * Reaching a server: everything between "a target on the command line" and "a logged-in
 * session that takes command lines".
 *
 * <p>Key types: {@link dev.rshell.client.connect.Target} (parses {@code [USER@]HOST[:PORT]}),
 * {@link dev.rshell.client.connect.Transport} (opens the socket:
 * {@link dev.rshell.client.connect.TlsTransport} by default,
 * {@link dev.rshell.client.connect.PlainTransport} with {@code --no-tls}),
 * {@link dev.rshell.client.connect.ServerTrust} (how a TLS server is verified; implemented in
 * {@code dev.rshell.client.trust}), {@link dev.rshell.client.connect.Connection} (the socket,
 * its one reader thread and the line writer), {@link dev.rshell.client.connect.ServerListener}
 * (what the reader thread hands typed lines to), and
 * {@link dev.rshell.client.connect.ClientSession} (hello and login handshake, certificate login,
 * then forwards lines to the mode's listener). Every failure to connect, verify the server, log
 * in or follow the protocol surfaces as a one-line
 * {@link dev.rshell.client.connect.SessionFailure} or
 * {@link dev.rshell.client.connect.ConnectionEnd}; the caller turns it into status 255.
 *
 * <p>Transport mismatches are named within seconds, never left to hang: a TLS client that meets
 * plain text says "HOST:PORT speaks plain TCP, not TLS: use --no-tls" at once; a plain client
 * reports the TLS listener's {@code bye} line, says "HOST:PORT speaks TLS: drop --no-tls" when
 * the first bytes are a TLS record, and otherwise gives up at {@code --connect-timeout} with a
 * hint to drop {@code --no-tls}. Both sides' sockets remember the server's first bytes
 * ({@code FirstBytesSocket}) for this.
 */
package dev.rshell.client.connect;
