/**
 * The rshell wire protocol as typed values, with no I/O: the whole vocabulary of both directions
 * lives here and nowhere else. {@link dev.rshell.common.protocol.ServerLine} (every server line
 * kind, with {@code toWire()}) and {@link dev.rshell.common.protocol.ServerLineParser} (reading
 * them back); {@link dev.rshell.common.protocol.ClientLine} (every client line kind: the server
 * reads them with {@code classify}, clients write them with {@code toWire()});
 * {@link dev.rshell.common.protocol.Feature} (the 1.1 feature names),
 * {@link dev.rshell.common.protocol.ExitStatus} and the version constants of
 * {@link dev.rshell.common.protocol.Protocol}. Byte framing lives in {@code codec}.
 */
package dev.rshell.common.protocol;
