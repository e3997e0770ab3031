package dev.rshell.common.protocol;

import java.util.Arrays;
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

    /**
     * {@code hello VERSION NAME auth=M1,M2[ user=USER]}: first line of a served connection.
     * VERSION is {@code rshell/1} or {@code rshell/1.N}; see {@link Protocol#speaksVersion1}.
     */
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

    /** Which output stream of a command a {@link Part} is about. */
    enum Stream {
        /** Standard output: {@code out} on the wire. */
        OUT("out"),
        /** Standard error: {@code err} on the wire. */
        ERR("err");

        private final String wireName;

        Stream(String wireName) {
            this.wireName = wireName;
        }

        /** The name on the wire. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * {@code more N BYTES} (1.1): the client may send BYTES more of input for command N
     * (see {@link ClientLine.ToInput#windowBytes()}).
     */
    record More(long command, long bytes) implements ServerLine {
        @Override
        public String toWire() {
            return "more " + command + " " + bytes;
        }
    }

    /**
     * {@code part N out|err TEXT} (1.1, feature {@code partial}): command N wrote TEXT to the
     * stream and no LF after it yet (a prompt); the next line of that stream carries only what
     * came after.
     */
    record Part(long command, Stream stream, String text) implements ServerLine {
        @Override
        public String toWire() {
            return "part " + command + " " + stream.wireName() + " " + text;
        }
    }

    /**
     * {@code outb N BASE64} (1.1, feature {@code bytes}): these bytes were written by command N
     * to standard output; no newline is implied. The record keeps its own copy (the array given
     * is copied, {@link #bytes()} returns a copy, {@link #size()} and {@link #writeTo} copy
     * nothing); equality is by content.
     */
    record OutBytes(long command, byte[] bytes) implements ServerLine {
        public OutBytes {
            bytes = bytes.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** How many bytes. */
        public int size() {
            return bytes.length;
        }

        /** Writes the bytes to {@code out}, without copying them first. */
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(bytes);
        }

        @Override
        public String toWire() {
            return "outb " + command + " " + WireText.base64(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OutBytes other && other.command == command && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(command) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "OutBytes[command=" + command + ", bytes=" + bytes.length + "]";
        }
    }

    /** {@code errb N BASE64} (1.1, feature {@code bytes}): as {@link OutBytes}, for standard error. */
    record ErrBytes(long command, byte[] bytes) implements ServerLine {
        public ErrBytes {
            bytes = bytes.clone();
        }

        /** A copy of the bytes. */
        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** How many bytes. */
        public int size() {
            return bytes.length;
        }

        /** Writes the bytes to {@code out}, without copying them first. */
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(bytes);
        }

        @Override
        public String toWire() {
            return "errb " + command + " " + WireText.base64(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ErrBytes other && other.command == command && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(command) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "ErrBytes[command=" + command + ", bytes=" + bytes.length + "]";
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
