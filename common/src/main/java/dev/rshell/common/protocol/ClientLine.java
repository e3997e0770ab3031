package dev.rshell.common.protocol;

import java.util.Arrays;
import java.util.List;

/**
 * One client line as a typed value (protocol.md, "Client lines", and version 1.1's
 * {@code :features}, {@code :stdin}, {@code :in}, {@code :in-}, {@code :eof}, {@code :inb}).
 *
 * <p>Both directions live here, so the client vocabulary is written down in one place:
 * {@link #classify(String)} is how the server reads a line (cheap and context free; what a line
 * means for a session &mdash; logged in or not, queued or answered at once &mdash; is the
 * session's business), and {@link Sendable#toWire()} is how a client writes one. For every
 * sendable value {@code x} whose {@code toWire()} succeeds, {@code classify(x.toWire())} equals
 * {@code x} (except {@link Verbatim}, a typed line sent as typed). {@link BadControl},
 * {@link Blank} and {@link TooLong} are only ever results of reading.
 *
 * <p>Constructors accept whatever {@code classify} can produce (the server must never fail on a
 * line it read); {@code toWire()} is where a value that would not read back the same is refused
 * with an {@link IllegalArgumentException} (a text with LF or a final CR, a bad number): a
 * client bug, caught before it reaches the socket.
 */
public sealed interface ClientLine {

    /** Classifies one line of client text (LF and a CR before it already removed). */
    static ClientLine classify(String line) {
        return ClientLineClassifier.classify(line);
    }

    /** A line a client sends. */
    sealed interface Sendable extends ClientLine {
        /** The line as it goes on the wire, without the terminating LF. */
        String toWire();
    }

    /** A 1.1 line about the standard input of command {@link #command()}: not numbered, taken at once. */
    sealed interface ToInput extends Sendable {
        /** The input command this line is for. */
        long command();

        /**
         * What this line counts against the command's input window ({@code more}): the UTF-8
         * bytes of TEXT plus one for an LF, or the decoded bytes of {@code :inb}.
         */
        long windowBytes();
    }

    /** {@code :login USER PASSWORD}; the password is everything after the one space after USER. */
    record Login(String user, String password) implements Sendable {
        @Override
        public String toWire() {
            if (user.isEmpty() || user.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("a :login user must be one word without spaces");
            }
            WireText.oneLine("the user", user);
            WireText.oneLine("the password", password);
            return ":login " + user + " " + password;
        }

        @Override
        public String toString() {
            // Never let a password reach a log through toString().
            return "Login[user=" + user + "]";
        }
    }

    /** {@code :ping [TEXT]}; TEXT is everything after the one space. */
    record Ping(String text) implements Sendable {
        /** A bare {@code :ping}. */
        public Ping() {
            this("");
        }

        @Override
        public String toWire() {
            return text.isEmpty() ? ":ping" : ":ping " + WireText.oneLine("the :ping text", text);
        }
    }

    /** {@code :interrupt [N]}; {@code command} is -1 for the running foreground command. */
    record Interrupt(long command) implements Sendable {
        /** A bare {@code :interrupt}: the running foreground command. */
        public static final long FOREGROUND = -1;

        @Override
        public String toWire() {
            if (command == FOREGROUND) {
                return ":interrupt";
            }
            if (command <= 0) {
                throw new IllegalArgumentException("bad command number for :interrupt: " + command);
            }
            return ":interrupt " + command;
        }
    }

    /** {@code :complete LINE}; LINE is everything after the one space, trailing blanks kept. */
    record Complete(String line) implements Sendable {
        @Override
        public String toWire() {
            return ":complete " + WireText.oneLine("the :complete line", line);
        }
    }

    /** {@code :quit}. */
    record Quit() implements Sendable {
        @Override
        public String toWire() {
            return ":quit";
        }
    }

    /**
     * A command line (anything that is not a control line and has a word), parsed when it runs
     * (expansion needs the state then). Sent exactly as its text: it must not start with
     * {@code :} and must have a word.
     */
    record CommandText(String text) implements Sendable {
        @Override
        public String toWire() {
            if (text.startsWith(":")) {
                throw new IllegalArgumentException("a command line can't start with ':' (that is a control line)");
            }
            if (WireText.noWords(text)) {
                throw new IllegalArgumentException("a command line needs a word (the server ignores one without)");
            }
            return WireText.oneLine("a command line", text);
        }
    }

    /**
     * {@code :features [NAME…]} (1.1): asks for these features; the answer is {@code ok} with
     * those the server has. With no names it only asks whether the server knows {@code :features}.
     */
    record Features(List<String> names) implements Sendable {
        public Features {
            names = List.copyOf(names);
        }

        /** Asks for {@code features}, in this order. */
        public static Features of(Feature... features) {
            return new Features(Feature.wireNames(Arrays.asList(features)));
        }

        @Override
        public String toWire() {
            StringBuilder b = new StringBuilder(":features");
            for (String name : names) {
                if (name.isEmpty() || name.chars().anyMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
                    throw new IllegalArgumentException("a feature name must be one word: \"" + name + "\"");
                }
                b.append(' ').append(name);
            }
            return b.toString();
        }
    }

    /**
     * {@code :stdin COMMAND LINE} (1.1): a command line as {@link CommandText} whose standard
     * input stays open for {@code :in} lines until {@code :eof}. The text is everything after the
     * one space, verbatim; it must have a word.
     */
    record StdinCommand(String text) implements Sendable {
        @Override
        public String toWire() {
            if (WireText.noWords(text)) {
                throw new IllegalArgumentException("a :stdin command line needs a word");
            }
            return ":stdin " + WireText.oneLine("a :stdin command line", text);
        }
    }

    /**
     * {@code :in N TEXT} (1.1): TEXT and an LF go to command N's standard input. TEXT is
     * everything after the one space after N, verbatim (leading and trailing blanks kept); an
     * empty TEXT is an empty line. {@code :in N} without the space reads as an empty line too,
     * as a missing space before an empty TEXT does in server lines.
     */
    record Input(long command, String text) implements ToInput {
        @Override
        public String toWire() {
            return ":in " + positive(command, ":in") + " " + WireText.oneLine("an :in text", text);
        }

        @Override
        public long windowBytes() {
            return WireText.utf8Length(text) + 1;
        }

        @Override
        public String toString() {
            // Input may be a password typed at a prompt: never in a log through toString().
            return "Input[command=" + command + ", chars=" + text.length() + "]";
        }
    }

    /**
     * {@code :in- N TEXT} (1.1): TEXT with no LF goes to command N's standard input (what was
     * typed of a line so far). Read as {@link Input}: verbatim, possibly empty.
     */
    record PartialInput(long command, String text) implements ToInput {
        @Override
        public String toWire() {
            return ":in- " + positive(command, ":in-") + " " + WireText.oneLine("an :in- text", text);
        }

        @Override
        public long windowBytes() {
            return WireText.utf8Length(text);
        }

        @Override
        public String toString() {
            return "PartialInput[command=" + command + ", chars=" + text.length() + "]";
        }
    }

    /** {@code :eof N} (1.1): command N's standard input is closed once what came before is written. */
    record EndOfInput(long command) implements ToInput {
        @Override
        public String toWire() {
            return ":eof " + positive(command, ":eof");
        }

        @Override
        public long windowBytes() {
            return 0;
        }
    }

    /**
     * {@code :inb N BASE64} (1.1, feature {@code bytes}): these bytes go to command N's standard
     * input. The record keeps its own copy: the array given is copied, {@link #bytes()} returns a
     * copy ({@link #size()} and {@link #writeTo} copy nothing); equality is by content. An empty
     * BASE64 is no bytes; a malformed one reads as {@link BadControl}.
     */
    record InputBytes(long command, byte[] bytes) implements ToInput {
        public InputBytes {
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

        /** Writes the bytes to {@code out} (a command's standard input), without copying them first. */
        public void writeTo(java.io.OutputStream out) throws java.io.IOException {
            out.write(bytes);
        }

        @Override
        public String toWire() {
            return ":inb " + positive(command, ":inb") + " " + WireText.base64(bytes);
        }

        @Override
        public long windowBytes() {
            return bytes.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InputBytes other && other.command == command && Arrays.equals(other.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(command) * 31 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "InputBytes[command=" + command + ", bytes=" + bytes.length + "]";
        }
    }

    /**
     * A control line exactly as a person typed it (the interactive shell's {@code :…} lines), sent
     * for the server to judge: it may be one this client does not know, or malformed, and the
     * server's answer is what the person wants to see. Never a result of {@link #classify}, which
     * reads its wire text as whatever kind it is; no other sender uses it.
     */
    record Verbatim(String text) implements Sendable {
        @Override
        public String toWire() {
            if (!text.startsWith(":")) {
                throw new IllegalArgumentException("a typed control line starts with ':'");
            }
            return WireText.oneLine("a typed control line", text);
        }
    }

    /** A control line this version does not serve, or one whose arguments are malformed. */
    record BadControl(String reply) implements ClientLine {
    }

    /** A line with no words: empty, blanks, or only a comment. It gets no number. */
    record Blank() implements ClientLine {
    }

    /** Over-long line: its bytes were discarded; it answers as a failed command (status 2). */
    record TooLong(long bytes) implements ClientLine {
    }

    private static long positive(long command, String kind) {
        if (command <= 0) {
            throw new IllegalArgumentException("bad command number for " + kind + ": " + command);
        }
        return command;
    }
}
