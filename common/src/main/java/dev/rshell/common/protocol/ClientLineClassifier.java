package dev.rshell.common.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one client line into a {@link ClientLine} (the server side of the vocabulary; see
 * {@link ClientLine#classify}). Never throws: a malformed control line becomes
 * {@link ClientLine.BadControl} whose reply is the text of the {@code no} to send.
 *
 * <p>The control word is everything up to the first space; the rest after that one space is
 * the arguments, so free texts ({@code :login}'s password, {@code :complete}, {@code :stdin},
 * {@code :in}) keep their own blanks verbatim.
 */
final class ClientLineClassifier {

    static final String LOGIN_USAGE = "usage: :login USER PASSWORD";
    static final String INTERRUPT_USAGE = "usage: :interrupt [N] (N a command number)";
    static final String STDIN_USAGE = "usage: :stdin COMMAND LINE";
    static final String IN_USAGE = "usage: :in N TEXT (N a command number)";
    static final String PARTIAL_USAGE = "usage: :in- N TEXT (N a command number)";
    static final String EOF_USAGE = "usage: :eof N (N a command number)";
    static final String INB_USAGE = "usage: :inb N BASE64 (N a command number)";
    static final String INB_NOT_BASE64 = "bad :inb: the data is not base64 (RFC 4648)";

    private ClientLineClassifier() {
    }

    static ClientLine classify(String line) {
        if (WireText.noWords(line)) {
            return new ClientLine.Blank();
        }
        if (line.charAt(0) != ':') {
            return new ClientLine.CommandText(line);
        }
        int space = line.indexOf(' ');
        String word = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        switch (word) {
            case ":login":
                return login(rest);
            case ":ping":
                return new ClientLine.Ping(rest);
            case ":interrupt":
                return interrupt(rest.trim());
            case ":complete":
                return new ClientLine.Complete(rest);
            case ":quit":
                return new ClientLine.Quit();
            case ":features":
                return new ClientLine.Features(words(rest));
            case ":stdin":
                return WireText.noWords(rest) ? new ClientLine.BadControl(STDIN_USAGE) : new ClientLine.StdinCommand(rest);
            case ":in":
            case ":in-":
                return input(word, rest);
            case ":eof": {
                long n = WireText.commandNumber(strip(rest));
                return n > 0 ? new ClientLine.EndOfInput(n) : new ClientLine.BadControl(EOF_USAGE);
            }
            case ":inb":
                return inputBytes(rest);
            default:
                return new ClientLine.BadControl("unknown control line: " + word);
        }
    }

    private static ClientLine login(String rest) {
        int sp = rest.indexOf(' ');
        if (sp <= 0) {
            return new ClientLine.BadControl(LOGIN_USAGE);
        }
        return new ClientLine.Login(rest.substring(0, sp), rest.substring(sp + 1));
    }

    private static ClientLine interrupt(String arg) {
        if (arg.isEmpty()) {
            return new ClientLine.Interrupt(ClientLine.Interrupt.FOREGROUND);
        }
        try {
            long n = Long.parseLong(arg);
            if (n > 0) {
                return new ClientLine.Interrupt(n);
            }
        } catch (NumberFormatException e) {
            // falls through to the usage reply
        }
        return new ClientLine.BadControl(INTERRUPT_USAGE);
    }

    /**
     * {@code :in N TEXT} and {@code :in- N TEXT}: N up to the next space, TEXT all after it. A
     * missing space after N means an empty TEXT (readers accept a missing space before TEXT).
     */
    private static ClientLine input(String word, String rest) {
        int sp = rest.indexOf(' ');
        long n = WireText.commandNumber(sp < 0 ? rest : rest.substring(0, sp));
        boolean partial = word.equals(":in-");
        if (n <= 0) {
            return new ClientLine.BadControl(partial ? PARTIAL_USAGE : IN_USAGE);
        }
        String text = sp < 0 ? "" : rest.substring(sp + 1);
        return partial ? new ClientLine.PartialInput(n, text) : new ClientLine.Input(n, text);
    }

    /** {@code :inb N BASE64}; blanks around BASE64 are ignored (base64 has none), an empty one is no bytes. */
    private static ClientLine inputBytes(String rest) {
        int sp = rest.indexOf(' ');
        long n = WireText.commandNumber(sp < 0 ? rest : rest.substring(0, sp));
        if (n <= 0) {
            return new ClientLine.BadControl(INB_USAGE);
        }
        byte[] bytes = WireText.fromBase64(sp < 0 ? "" : strip(rest.substring(sp + 1)));
        return bytes == null ? new ClientLine.BadControl(INB_NOT_BASE64) : new ClientLine.InputBytes(n, bytes);
    }

    /** The blank-separated words of {@code text}, empty ones dropped. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && WireText.isBlank(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !WireText.isBlank(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    /** {@code text} without leading and trailing blanks (space, tab). */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && WireText.isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && WireText.isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
