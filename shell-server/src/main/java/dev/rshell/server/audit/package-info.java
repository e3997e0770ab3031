/**
 * The audit hook: {@link dev.rshell.server.audit.AuditEvent}s that sessions and the server
 * emit, and the {@link dev.rshell.server.audit.AuditSink} they go to.
 */
package dev.rshell.server.audit;
