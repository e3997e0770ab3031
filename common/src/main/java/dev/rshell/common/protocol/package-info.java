/**
 * The rshell wire protocol as typed values, with no I/O: {@link dev.rshell.common.protocol.ServerLine}
 * (every server line kind), {@link dev.rshell.common.protocol.ServerLineParser},
 * {@link dev.rshell.common.protocol.ClientLine} (how the server classifies a client line),
 * {@link dev.rshell.common.protocol.ExitStatus} and version constants. Byte framing lives in
 * {@code codec}.
 */
package dev.rshell.common.protocol;
