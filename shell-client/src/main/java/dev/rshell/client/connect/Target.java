package dev.rshell.client.connect;

import dev.rshell.config.source.Text;

/**
 * Where to connect and as whom, as written on the command line: {@code [USER@]HOST[:PORT]}.
 *
 * <p>Accepted forms: {@code host}, {@code host:port}, {@code user@host:port}, {@code [::1]},
 * {@code [::1]:port}, and a bare IPv6 address such as {@code ::1} (more than one colon and no
 * brackets: the whole text is the host, as ssh reads it). The user is everything before the
 * last {@code @}.
 *
 * @param user the user before {@code @}, or {@code null} when not given
 * @param host a host name or address; an IPv6 address without its brackets
 * @param port the port after {@code :}, or {@code null} when not given
 */
public record Target(String user, String host, Integer port) {

    /**
     * Parses {@code [USER@]HOST[:PORT]}.
     *
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public static Target parse(String spec) {
        String user = null;
        String rest = spec;
        int at = spec.lastIndexOf('@');
        if (at >= 0) {
            user = spec.substring(0, at);
            rest = spec.substring(at + 1);
            checkUser(user);
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in host " + Text.quote(spec));
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new IllegalArgumentException("unexpected " + Text.quote(after)
                            + " after ']' in host " + Text.quote(spec));
                }
                portText = after.substring(1);
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0 && rest.indexOf(':', colon + 1) < 0) {
                host = rest.substring(0, colon);
                portText = rest.substring(colon + 1);
            } else {
                host = rest;
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host name in " + Text.quote(spec));
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '@' || c == '[' || c == ']') {
                throw new IllegalArgumentException("bad host name " + Text.quote(host));
            }
        }
        Integer port = portText == null ? null : parsePort(portText, "in " + Text.quote(spec));
        return new Target(user, host, port);
    }

    /**
     * Parses a TCP port, 1 to 65535.
     *
     * @param where how the message names the place the text came from (e.g. "for -p")
     * @throws IllegalArgumentException with a one-line message
     */
    public static int parsePort(String text, String where) {
        if (!text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        }
        throw new IllegalArgumentException("bad port " + Text.quote(text) + " " + where
                + ": must be 1 to 65535");
    }

    /**
     * Checks a user name for {@code :login}: not empty, no blanks or control characters (the
     * protocol separates USER from PASSWORD by one space).
     *
     * @throws IllegalArgumentException with a one-line message
     */
    public static void checkUser(String user) {
        if (user.isEmpty()) {
            throw new IllegalArgumentException("empty user name");
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("bad user name " + Text.quote(user)
                        + ": no blanks or control characters");
            }
        }
    }

    /** {@code host:port}, with brackets around an IPv6 address, for messages. */
    public static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
