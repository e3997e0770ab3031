/**
 * Byte framing of the protocol: {@link dev.rshell.common.protocol.codec.LineReader} turns a
 * stream into bounded lines, {@link dev.rshell.common.protocol.codec.LineWriter} writes whole
 * lines. No meaning lives here.
 */
package dev.rshell.common.protocol.codec;
