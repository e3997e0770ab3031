package dev.rshell.client.batch;

import dev.rshell.common.protocol.ClientLine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The command lines of one run, read lazily from its inputs in order, so a script of any
 * length costs one line of memory.
 *
 * <p>Which lines are commands mirrors the server exactly, by using the server's own
 * {@link ClientLine#classify}: a line with no words (empty, blanks, or a {@code #} comment) gets
 * no number on the server, so it is skipped and never sent; a line whose first character is
 * {@code :} would be a control line, so it is refused ({@code where: a command can't start
 * with ':'}, status 2) rather than silently changing the session; so is one that still ends with
 * CR once the CR before its LF is dropped (the server would drop that one too). Text given as
 * one argument ({@code -c}, or the words after the host) is split at LF into lines, exactly as
 * the server would split it if it were sent.
 *
 * <p>Thread safety: not thread-safe; the main thread owns a script.
 */
public final class Script implements AutoCloseable {

    /** Where lines come from. */
    public sealed interface Input {
        /** Text given on the command line; {@code label} names it in messages. */
        record Text(String text, String label) implements Input {
        }

        /** A script file ({@code -f FILE}). */
        record File(Path path) implements Input {
        }

        /** Standard input ({@code -f -}, or no commands given). */
        record Stdin(InputStream in) implements Input {
        }
    }

    /** One open input. */
    private interface Source {
        String readLine(Runnable beforeWait) throws IOException, ScriptLineReader.TooLong;

        String where(int lineNumber);

        void close();
    }

    private final List<Input> inputs;
    private final Deque<Input> pending;
    private Source current;
    private int lineNumber;

    /** @param inputs read in this order */
    public Script(List<Input> inputs) {
        this.inputs = List.copyOf(inputs);
        this.pending = new ArrayDeque<>(this.inputs);
    }

    /**
     * Reads every input except stdin once, before anything is sent, so a bad line in a file
     * or {@code -c} fails the run before the first command has run. (Stdin can't be read twice;
     * its lines are checked as they come.)
     *
     * @return how many command lines those inputs hold (blank and comment lines not counted):
     *         with no stdin among the inputs, the number of commands the script sends
     */
    public long precheck() throws ScriptProblem {
        long commands = 0;
        try (Script copy = new Script(inputs.stream().filter(i -> !(i instanceof Input.Stdin)).toList())) {
            while (copy.next() != null) {
                commands++;
            }
        }
        return commands;
    }

    /** True when one of the inputs is standard input: then stdin holds commands, not data. */
    public boolean readsStdin() {
        return inputs.stream().anyMatch(i -> i instanceof Input.Stdin);
    }

    /** {@link #next(Runnable)} for a caller with nothing to do before a wait. */
    public ScriptLine next() throws ScriptProblem {
        return next(() -> { });
    }

    /**
     * The next command line, or {@code null} when the inputs are exhausted.
     *
     * @param beforeWait run right before the script waits for input from outside (a pipe, a
     *                   terminal), so the caller can flush the lines it has batched: whatever
     *                   input comes next, nothing already read sits unsent while we wait
     * @throws ScriptProblem at a control line, an unreadable input or an over-long line
     */
    public ScriptLine next(Runnable beforeWait) throws ScriptProblem {
        while (true) {
            if (current == null) {
                if (pending.isEmpty()) {
                    return null;
                }
                current = open(pending.removeFirst());
                lineNumber = 0;
            }
            String text;
            try {
                text = current.readLine(beforeWait);
            } catch (IOException e) {
                throw new ScriptProblem(current.where(lineNumber + 1) + ": can't read: " + reason(e));
            } catch (ScriptLineReader.TooLong e) {
                throw new ScriptProblem(current.where(lineNumber + 1) + ": line longer than "
                        + ScriptLineReader.MAX_LINE + " bytes (the client's limit)");
            }
            if (text == null) {
                current.close();
                current = null;
                continue;
            }
            lineNumber++;
            ClientLine kind = ClientLine.classify(text);
            if (kind instanceof ClientLine.Blank) {
                continue; // no words: the server would give it no number, so don't send it
            }
            if (!(kind instanceof ClientLine.CommandText)) {
                throw new ScriptProblem(current.where(lineNumber) + ": a command can't start with ':'");
            }
            if (text.endsWith("\r")) {
                // Left by CR CR LF: the server would drop this CR too, so the line can't be sent as it is.
                throw new ScriptProblem(current.where(lineNumber) + ": a command can't end with CR");
            }
            return new ScriptLine(text, current.where(lineNumber));
        }
    }

    /** Closes an open file (never stdin). */
    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
        pending.clear();
    }

    private static Source open(Input input) throws ScriptProblem {
        if (input instanceof Input.Text t) {
            return new TextSource(t.text(), t.label());
        }
        if (input instanceof Input.File f) {
            if (Files.isDirectory(f.path())) {
                throw new ScriptProblem(f.path() + ": is a directory");
            }
            try {
                return new StreamSource(Files.newInputStream(f.path()), f.path().toString(), true);
            } catch (IOException e) {
                throw new ScriptProblem(f.path() + ": can't read: " + reason(e));
            }
        }
        return new StreamSource(((Input.Stdin) input).in(), "<stdin>", false);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "I/O error" : e.getMessage();
    }

    /** Lines of command-line text, split at LF. */
    private static final class TextSource implements Source {
        private final String[] lines;
        private final String label;
        private int next;

        TextSource(String text, String label) {
            this.lines = text.split("\n", -1);
            this.label = label;
        }

        @Override
        public String readLine(Runnable beforeWait) {
            if (next >= lines.length) {
                return null;
            }
            String line = lines[next++];
            // The server drops a CR right before the LF the client adds, so drop it here too.
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        @Override
        public String where(int lineNumber) {
            return lines.length == 1 ? label : label + ", line " + lineNumber;
        }

        @Override
        public void close() {
        }
    }

    /** Lines of a file or of stdin. */
    private static final class StreamSource implements Source {
        private final InputStream in;
        private final ScriptLineReader reader;
        private final String name;
        private final boolean owned;

        StreamSource(InputStream in, String name, boolean owned) {
            this.in = in;
            this.reader = new ScriptLineReader(in);
            this.name = name;
            this.owned = owned;
        }

        @Override
        public String readLine(Runnable beforeWait) throws IOException, ScriptLineReader.TooLong {
            return reader.readLine(beforeWait);
        }

        @Override
        public String where(int lineNumber) {
            return name + ":" + lineNumber;
        }

        @Override
        public void close() {
            if (owned) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // read-only file: nothing was lost
                }
            }
        }
    }
}
