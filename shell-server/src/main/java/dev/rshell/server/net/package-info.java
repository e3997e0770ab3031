/**
 * The network edge: the {@link dev.rshell.server.net.Acceptor} that admits connections and the
 * {@link dev.rshell.server.net.WriteWatchdog} that cuts stalled writes.
 */
package dev.rshell.server.net;
