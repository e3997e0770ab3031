package dev.rshell.common.protocol;

import java.util.List;

/**
 * One line the server sends, as a typed value (protocol.md, "Server lines").
 *
 * <p>{@link #toWire()} renders the line without its LF; {@link ServerLineParser#parse(String)}
 * turns received text back into a value. Both sides use these records, so the wire format is
 * written down in exactly one place.
 */
public sealed interface ServerLine {

    /** The line as it goes on the wire, without the terminating LF. */
    String toWire();

    /** {@code hello rshell/1 NAME auth=M1,M2[ user=USER]}: first line of a served connection. */
    record Hello(String version, String serverName, List<String> authMethods, String user)
            implements ServerLine {
        public Hello {
            authMethods = List.copyOf(authMethods);
        }

        @Override
        public String toWire() {
            String line = "hello " + version + " " + serverName + " auth=" + String.join(",", authMethods);
            return user == null ? line : line + " user=" + user;
        }
    }

    /**
     * Makes free text safe for one line: a CR or LF (possible in a file name) becomes {@code ?},
     * so no text can break the framing or forge a line of its own.
     */
    static String oneLine(String text) {
        if (text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return text.replace('\n', '?').replace('\r', '?');
    }

    /** Removes every control character, as the protocol asks for {@code msg} text. */
    static String withoutControls(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().filter(c -> !Character.isISOControl(c)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** {@code ok [TEXT]}: a control line succeeded. */
    record Ok(String text) implements ServerLine {
        @Override
        public String toWire() {
            return text.isEmpty() ? "ok" : "ok " + oneLine(text);
        }
    }

    /** {@code no TEXT}: a control line failed, or a command line came before login. */
    record No(String text) implements ServerLine {
        @Override
        public String toWire() {
            return "no " + oneLine(text);
        }
    }

    /** {@code cwd PATH}: the session's working directory changed (or the session started). */
    record Cwd(String path) implements ServerLine {
        @Override
        public String toWire() {
            return "cwd " + oneLine(path);
        }
    }

    /** {@code out N TEXT}: a line command N wrote to standard output. */
    record Out(long command, String text) implements ServerLine {
        @Override
        public String toWire() {
            return "out " + command + " " + text;
        }
    }

    /** {@code err N TEXT}: a line command N wrote to standard error. */
    record Err(long command, String text) implements ServerLine {
        @Override
        public String toWire() {
            return "err " + command + " " + text;
        }
    }

    /** {@code bg N}: command N runs in the background. */
    record Bg(long command) implements ServerLine {
        @Override
        public String toWire() {
            return "bg " + command;
        }
    }

    /** {@code end N STATUS}: command N finished; the last line about N. */
    record End(long command, int status) implements ServerLine {
        @Override
        public String toWire() {
            return "end " + command + " " + status;
        }
    }

    /** {@code msg TEXT}: a notice that belongs to no command. */
    record Msg(String text) implements ServerLine {
        @Override
        public String toWire() {
            return "msg " + withoutControls(text);
        }
    }

    /** {@code bye TEXT}: the server closes the connection right after this line. */
    record Bye(String text) implements ServerLine {
        @Override
        public String toWire() {
            return "bye " + oneLine(text);
        }
    }

    /**
     * A line whose kind this version does not know, or whose fields do not parse. Clients
     * ignore unknown kinds (later versions may add some); a known kind with broken fields is
     * a protocol error for the caller to judge.
     */
    record Unknown(String kind, String raw) implements ServerLine {
        @Override
        public String toWire() {
            return raw;
        }
    }
}
