package dev.rshell.common.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns the text of one received server line (LF and CR already removed) into a
 * {@link ServerLine}. Never throws: text it cannot read becomes {@link ServerLine.Unknown}.
 *
 * <p>Per protocol.md, the space before TEXT may be missing ({@code out 3} is an empty output
 * line), so fields are split on the first spaces only and TEXT keeps its own spaces.
 */
public final class ServerLineParser {

    /**
     * Every kind this version reads (versions 1 and 1.1). A line of another kind is from a later
     * version and a client ignores it; a line of one of these that fails to parse is broken.
     */
    public static final Set<String> KINDS = Set.of("hello", "ok", "no", "cwd", "out", "err", "bg", "end", "msg",
            "bye", "more", "part", "outb", "errb");

    private ServerLineParser() {
    }

    /** Parses one line of server text. */
    public static ServerLine parse(String line) {
        int space = line.indexOf(' ');
        String kind = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            switch (kind) {
                case "out":
                case "err": {
                    int sp = rest.indexOf(' ');
                    long n = number(sp < 0 ? rest : rest.substring(0, sp));
                    String text = sp < 0 ? "" : rest.substring(sp + 1);
                    return kind.equals("out") ? new ServerLine.Out(n, text) : new ServerLine.Err(n, text);
                }
                case "end": {
                    String[] f = rest.split(" ", -1);
                    if (f.length != 2) {
                        return new ServerLine.Unknown(kind, line);
                    }
                    long status = number(f[1]);
                    if (status < 0 || status > 255) {
                        return new ServerLine.Unknown(kind, line);
                    }
                    return new ServerLine.End(number(f[0]), (int) status);
                }
                case "bg":
                    return new ServerLine.Bg(number(rest.trim()));
                case "more": {
                    String[] f = rest.split(" ", -1);
                    if (f.length != 2) {
                        return new ServerLine.Unknown(kind, line);
                    }
                    return new ServerLine.More(number(f[0]), number(f[1]));
                }
                case "part":
                    return parsePart(line, rest);
                case "outb":
                case "errb":
                    return parseBytes(kind, line, rest);
                case "ok":
                    return new ServerLine.Ok(rest);
                case "no":
                    return new ServerLine.No(rest);
                case "cwd":
                    return new ServerLine.Cwd(rest);
                case "msg":
                    return new ServerLine.Msg(rest);
                case "bye":
                    return new ServerLine.Bye(rest);
                case "hello":
                    return parseHello(line, rest);
                default:
                    return new ServerLine.Unknown(kind, line);
            }
        } catch (NumberFormatException e) {
            return new ServerLine.Unknown(kind, line);
        }
    }

    /**
     * A field of ASCII digits only. {@link Long#parseLong} alone would also take a sign and
     * non-ASCII digits ({@code end -1 0}, or a fullwidth digit as N), which no server writes.
     */
    private static long number(String field) {
        if (field.isEmpty()) {
            throw new NumberFormatException("empty number");
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a number: " + field);
            }
        }
        return Long.parseLong(field);
    }

    /** {@code part N out|err TEXT}; a missing space before an empty TEXT is accepted. */
    private static ServerLine parsePart(String line, String rest) {
        int sp = rest.indexOf(' ');
        if (sp < 0) {
            return new ServerLine.Unknown("part", line);
        }
        long n = number(rest.substring(0, sp));
        String after = rest.substring(sp + 1);
        int sp2 = after.indexOf(' ');
        String stream = sp2 < 0 ? after : after.substring(0, sp2);
        String text = sp2 < 0 ? "" : after.substring(sp2 + 1);
        if (stream.equals(ServerLine.Stream.OUT.wireName())) {
            return new ServerLine.Part(n, ServerLine.Stream.OUT, text);
        }
        if (stream.equals(ServerLine.Stream.ERR.wireName())) {
            return new ServerLine.Part(n, ServerLine.Stream.ERR, text);
        }
        return new ServerLine.Unknown("part", line);
    }

    /** {@code outb N BASE64} / {@code errb N BASE64}: strict RFC 4648 base64 (no blanks, no line breaks). */
    private static ServerLine parseBytes(String kind, String line, String rest) {
        int sp = rest.indexOf(' ');
        long n = number(sp < 0 ? rest : rest.substring(0, sp));
        byte[] bytes = WireText.fromBase64(sp < 0 ? "" : rest.substring(sp + 1));
        if (bytes == null) {
            return new ServerLine.Unknown(kind, line);
        }
        return kind.equals("outb") ? new ServerLine.OutBytes(n, bytes) : new ServerLine.ErrBytes(n, bytes);
    }

    private static ServerLine parseHello(String line, String rest) {
        String[] f = rest.split(" ");
        if (f.length < 2) {
            return new ServerLine.Unknown("hello", line);
        }
        List<String> auth = List.of();
        String user = null;
        for (int i = 2; i < f.length; i++) {
            if (f[i].startsWith("auth=")) {
                String methods = f[i].substring(5);
                auth = methods.isEmpty() ? List.of() : Arrays.asList(methods.split(","));
            } else if (f[i].startsWith("user=")) {
                user = f[i].substring(5);
            }
        }
        return new ServerLine.Hello(f[0], f[1], auth, user);
    }
}
