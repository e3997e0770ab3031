package dev.rshell.common.protocol;

/**
 * How the server classifies one client line (protocol.md, "Client lines"). Classification is
 * cheap and context free; what a line means for a session (logged in or not, queued or answered
 * at once) is the session's business.
 */
public sealed interface ClientLine {

    /** {@code :login USER PASSWORD}; the password is everything after the one space after USER. */
    record Login(String user, String password) implements ClientLine {
        @Override
        public String toString() {
            // Never let a password reach a log through toString().
            return "Login[user=" + user + "]";
        }
    }

    /** {@code :ping [TEXT]}. */
    record Ping(String text) implements ClientLine {
    }

    /** {@code :interrupt [N]}; {@code command} is -1 for the running foreground command. */
    record Interrupt(long command) implements ClientLine {
    }

    /** {@code :complete LINE}; LINE keeps its trailing blanks. */
    record Complete(String line) implements ClientLine {
    }

    /** {@code :quit}. */
    record Quit() implements ClientLine {
    }

    /** A control line this version does not serve, or one whose arguments are malformed. */
    record BadControl(String reply) implements ClientLine {
    }

    /** A line with no words: empty, blanks, or only a comment. It gets no number. */
    record Blank() implements ClientLine {
    }

    /** Anything else: a command line, parsed when it runs (expansion needs the state then). */
    record CommandText(String text) implements ClientLine {
    }

    /** Over-long line: its bytes were discarded; it answers as a failed command (status 2). */
    record TooLong(long bytes) implements ClientLine {
    }

    /** Classifies one line of client text (LF and a CR before it already removed). */
    static ClientLine classify(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        if (i == n || line.charAt(i) == '#') {
            return new Blank();
        }
        if (line.charAt(0) != ':') {
            return new CommandText(line);
        }
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        switch (word) {
            case ":login": {
                int sp = rest.indexOf(' ');
                if (rest.isEmpty() || sp <= 0) {
                    return new BadControl("usage: :login USER PASSWORD");
                }
                return new Login(rest.substring(0, sp), rest.substring(sp + 1));
            }
            case ":ping":
                return new Ping(rest);
            case ":interrupt":
                return interrupt(rest.trim());
            case ":complete":
                return new Complete(rest);
            case ":quit":
                return new Quit();
            default:
                return new BadControl("unknown control line: " + word);
        }
    }

    private static ClientLine interrupt(String arg) {
        if (arg.isEmpty()) {
            return new Interrupt(-1);
        }
        try {
            long n = Long.parseLong(arg);
            if (n > 0) {
                return new Interrupt(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the usage reply
        }
        return new BadControl("usage: :interrupt [N] (N a command number)");
    }
}
