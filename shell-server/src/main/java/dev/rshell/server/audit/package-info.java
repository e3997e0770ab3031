/**
 * The audit trail: the {@link dev.rshell.server.audit.AuditEvent}s that sessions and the
 * server emit, the {@link dev.rshell.server.audit.AuditSink} they go to, and
 * {@link dev.rshell.server.audit.AuditLog}, the sink that writes DATA_DIR/audit.log.
 *
 * <p>Key types:
 * <ul>
 *   <li>{@link dev.rshell.server.audit.AuditEvent}: what happened (connect, login, command,
 *       denied, kick, disconnect, refused, login_blocked, server); no event carries a
 *       password.</li>
 *   <li>{@link dev.rshell.server.audit.Redaction}: the one rule for what of a command may be
 *       recorded ({@code passwd}'s arguments never are).</li>
 *   <li>{@link dev.rshell.server.audit.AuditLog}: one JSON line per event, written with group
 *       commit by the recording threads themselves, handed to the OS before
 *       {@code record} returns, rotated by size, 0600; fails open and says so on stderr.</li>
 *   <li>{@link dev.rshell.server.audit.AuditLogSettings}: its limits and their defaults.</li>
 *   <li>{@code AuditFormat} and {@code JsonLine} (package-private): the line format, and the
 *       small JSON writer behind it, so the server needs no JSON library.</li>
 *   <li>{@code LogFile} (package-private): appending whole lines, rotation, repair of a torn
 *       tail after a failed write.</li>
 * </ul>
 */
package dev.rshell.server.audit;
