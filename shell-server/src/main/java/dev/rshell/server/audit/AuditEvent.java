package dev.rshell.server.audit;

import java.time.Instant;
import java.util.List;

/**
 * Something the audit log records. Passwords never appear in any event: no event has a
 * field for one, and the events that carry an argv pass it through {@link Redaction#argv}
 * when they are made, so a {@code passwd OLD NEW} is held (and seen by every sink) as
 * {@code [passwd]}.
 *
 * <p>A {@code user}, {@code reason} or {@code detail} may be null where there is none (a
 * session that never logged in has no user). The JSON each event becomes is described in
 * {@link AuditFormat}.
 */
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

    /** A command ended. {@code argv} is redacted (see {@link Redaction#argv}). */
    record CommandRun(Instant at, long session, String user, String address, String cwd,
                      List<String> argv, Instant started, long durationMicros, int status,
                      long bytesOut) implements AuditEvent {
        public CommandRun {
            argv = Redaction.argv(List.copyOf(argv));
        }
    }

    /** A session ended. */
    record Disconnected(Instant at, long session, String user, String address, String reason)
            implements AuditEvent {
    }

    /** The server started or stopped. */
    record Server(Instant at, String what, String detail) implements AuditEvent {
    }

    /**
     * A command was refused by the user's role (it ended with status 126); {@code reason}
     * says which role lacks what. {@code argv} is redacted (see {@link Redaction#argv}).
     */
    record Denied(Instant at, long session, String user, String address, List<String> argv,
                  String reason) implements AuditEvent {
        public Denied {
            argv = Redaction.argv(List.copyOf(argv));
        }
    }

    /** A session was ended on purpose by {@code by} (an admin's name, or "server"). */
    record Kicked(Instant at, long session, String user, String address, String by, String reason)
            implements AuditEvent {
    }

    /**
     * A connection was refused before any session started (server busy, too many
     * unauthenticated connections, address blocked); {@code reason} is what {@code bye} said.
     */
    record Refused(Instant at, String address, String reason) implements AuditEvent {
    }

    /**
     * Pre-login events left out of the log by {@link PreLoginAudit}'s budget since
     * {@code since}: {@code events} of them, {@code bytes} long in all, from {@code addresses}
     * addresses; {@code top} names the addresses with most, as {@code "ADDRESS COUNT"}.
     */
    record Suppressed(Instant at, Instant since, long events, long bytes, int addresses, List<String> top)
            implements AuditEvent {
        public Suppressed {
            top = List.copyOf(top);
        }
    }

    /** An address is refused logins until {@code until}, after {@code failures} failures. */
    record LoginBlocked(Instant at, String address, int failures, Instant until)
            implements AuditEvent {
    }
}
