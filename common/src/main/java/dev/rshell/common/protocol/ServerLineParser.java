package dev.rshell.common.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * Turns the text of one received server line (LF and CR already removed) into a
 * {@link ServerLine}. Never throws: text it cannot read becomes {@link ServerLine.Unknown}.
 *
 * <p>Per protocol.md, the space before TEXT may be missing ({@code out 3} is an empty output
 * line), so fields are split on the first spaces only and TEXT keeps its own spaces.
 */
public final class ServerLineParser {

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
