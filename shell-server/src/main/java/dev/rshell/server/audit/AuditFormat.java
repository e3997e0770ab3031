package dev.rshell.server.audit;

/**
 * Turns an {@link AuditEvent} into its audit-log line: one JSON object, members in this
 * order, ended by {@code \n}. Every line starts with {@code "ts"} (the event's time, ISO-8601
 * UTC with milliseconds) and {@code "event"}; absent values are {@code null}.
 *
 * <pre>
 * connect       ts, event, session, address
 * login         ts, event, session, address, user, ok, reason (null when ok)
 * command       ts, event, session, user, address, cwd, argv, start, duration_us, status, bytes_out
 * denied        ts, event, session, user, address, argv, reason
 * kick          ts, event, session, user, address, by, reason
 * disconnect    ts, event, session, user, address, reason
 * refused       ts, event, address, reason
 * login_blocked ts, event, address, failures, until
 * server        ts, event, what ("start" or "stop"), detail
 * suppressed    ts, event, since, events, bytes, addresses, top (["ADDRESS COUNT", ...])
 * </pre>
 * For example:
 * <pre>
 * {"ts":"2024-05-01T12:00:00.250Z","event":"command","session":7,"user":"ann","address":"10.0.0.5","cwd":"/home/ann","argv":["ls","-l"],"start":"2024-05-01T12:00:00.248Z","duration_us":1830,"status":0,"bytes_out":412}
 * </pre>
 *
 * <p>Thread safety: stateless.
 */
final class AuditFormat {

    private AuditFormat() {
    }

    /** The event's line in UTF-8, ending with {@code \n}. */
    static byte[] line(AuditEvent event) {
        return json(event).toLine();
    }

    /** The event's JSON object, without the line end. */
    static String text(AuditEvent event) {
        return json(event).toString();
    }

    private static JsonLine json(AuditEvent event) {
        // instanceof rather than a pattern switch: Java 17 has no exhaustive switch over a
        // sealed type without preview features; AuditFormatTest checks every permitted type.
        if (event instanceof AuditEvent.Connected e) {
            return start(e, "connect").number("session", e.session()).string("address", e.address());
        }
        if (event instanceof AuditEvent.Login e) {
            return start(e, "login").number("session", e.session()).string("address", e.address())
                    .string("user", e.user()).bool("ok", e.ok())
                    .string("reason", e.ok() || e.reason() == null || e.reason().isEmpty()
                            ? null : e.reason());
        }
        if (event instanceof AuditEvent.CommandRun e) {
            return start(e, "command").number("session", e.session()).string("user", e.user())
                    .string("address", e.address()).string("cwd", e.cwd())
                    .strings("argv", e.argv()).instant("start", e.started())
                    .number("duration_us", e.durationMicros()).number("status", e.status())
                    .number("bytes_out", e.bytesOut());
        }
        if (event instanceof AuditEvent.Denied e) {
            return start(e, "denied").number("session", e.session()).string("user", e.user())
                    .string("address", e.address()).strings("argv", e.argv())
                    .string("reason", e.reason());
        }
        if (event instanceof AuditEvent.Kicked e) {
            return start(e, "kick").number("session", e.session()).string("user", e.user())
                    .string("address", e.address()).string("by", e.by())
                    .string("reason", e.reason());
        }
        if (event instanceof AuditEvent.Disconnected e) {
            return start(e, "disconnect").number("session", e.session()).string("user", e.user())
                    .string("address", e.address()).string("reason", e.reason());
        }
        if (event instanceof AuditEvent.Refused e) {
            return start(e, "refused").string("address", e.address()).string("reason", e.reason());
        }
        if (event instanceof AuditEvent.LoginBlocked e) {
            return start(e, "login_blocked").string("address", e.address())
                    .number("failures", e.failures()).instant("until", e.until());
        }
        if (event instanceof AuditEvent.Suppressed e) {
            return start(e, "suppressed").instant("since", e.since()).number("events", e.events())
                    .number("bytes", e.bytes()).number("addresses", e.addresses()).strings("top", e.top());
        }
        if (event instanceof AuditEvent.Server e) {
            return start(e, "server").string("what", e.what()).string("detail", e.detail());
        }
        throw new IllegalArgumentException("no audit format for " + event.getClass().getName());
    }

    private static JsonLine start(AuditEvent event, String name) {
        return new JsonLine().instant("ts", event.at()).string("event", name);
    }
}
