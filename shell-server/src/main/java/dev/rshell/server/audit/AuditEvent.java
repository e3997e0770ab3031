package dev.rshell.server.audit;

import java.time.Instant;
import java.util.List;

/** Something the audit log records. Passwords never appear in any event. */
public sealed interface AuditEvent {

    /** When it happened. */
    Instant at();

    /** A connection was accepted. */
    record Connected(Instant at, long session, String address) implements AuditEvent {
    }

    /** A login succeeded or failed; {@code reason} says why it failed. */
    record Login(Instant at, long session, String address, String user, boolean ok, String reason)
            implements AuditEvent {
    }

    /** A command ended. */
    record CommandRun(Instant at, long session, String user, String address, String cwd,
                      List<String> argv, Instant started, long durationMicros, int status,
                      long bytesOut) implements AuditEvent {
        public CommandRun {
            argv = List.copyOf(argv);
        }
    }

    /** A session ended. */
    record Disconnected(Instant at, long session, String user, String address, String reason)
            implements AuditEvent {
    }

    /** The server started or stopped. */
    record Server(Instant at, String what, String detail) implements AuditEvent {
    }
}
