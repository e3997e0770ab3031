package dev.rshell.server.audit;

/**
 * The audit log's limits. Each has a name (the setting it is meant to be read from), a
 * default, and an error that names it when the value is out of range.
 *
 * @param maxBytes        {@code audit-max-bytes}: the size audit.log may reach before it is
 *                        rotated (a line is never split: one line longer than this is written
 *                        alone in a file of its own); default 10 MiB
 * @param keep            {@code audit-keep}: rotated files kept, audit.log.1 (newest) to
 *                        audit.log.{keep} (oldest); older ones are deleted; 0 keeps none;
 *                        default 5
 * @param maxPendingBytes {@code audit-pending-bytes}: bytes of lines waiting for the writer;
 *                        beyond this, callers block until it has taken them (backpressure);
 *                        default 1 MiB
 * @param fsync           {@code audit-fsync}: also force each batch to the disk before
 *                        callers return. Off by default: without it a line is handed to the OS
 *                        (it survives the server being killed, not the machine losing power),
 *                        which costs microseconds instead of milliseconds per batch
 */
public record AuditLogSettings(long maxBytes, int keep, int maxPendingBytes, boolean fsync) {

    /** Default {@code audit-max-bytes}. */
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    /** Default {@code audit-keep}. */
    public static final int DEFAULT_KEEP = 5;
    /** Default {@code audit-pending-bytes}. */
    public static final int DEFAULT_MAX_PENDING_BYTES = 1024 * 1024;
    /** Largest {@code audit-keep}: rotation renames every kept file, so keep it cheap. */
    public static final int MAX_KEEP = 1000;

    /** All defaults. */
    public static final AuditLogSettings DEFAULTS = new AuditLogSettings(
            DEFAULT_MAX_BYTES, DEFAULT_KEEP, DEFAULT_MAX_PENDING_BYTES, false);

    /** @throws IllegalArgumentException naming the setting, its value and what is allowed */
    public AuditLogSettings {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("audit-max-bytes must be at least 1, was " + maxBytes);
        }
        if (keep < 0 || keep > MAX_KEEP) {
            throw new IllegalArgumentException(
                    "audit-keep must be from 0 to " + MAX_KEEP + ", was " + keep);
        }
        if (maxPendingBytes < 1) {
            throw new IllegalArgumentException(
                    "audit-pending-bytes must be at least 1, was " + maxPendingBytes);
        }
    }

    /** These settings with other rotation limits. */
    public AuditLogSettings withRotation(long maxBytes, int keep) {
        return new AuditLogSettings(maxBytes, keep, maxPendingBytes, fsync);
    }

    /** These settings with {@code audit-fsync} set. */
    public AuditLogSettings withFsync(boolean fsync) {
        return new AuditLogSettings(maxBytes, keep, maxPendingBytes, fsync);
    }

    /** These settings with another {@code audit-pending-bytes}. */
    public AuditLogSettings withMaxPendingBytes(int maxPendingBytes) {
        return new AuditLogSettings(maxBytes, keep, maxPendingBytes, fsync);
    }
}
