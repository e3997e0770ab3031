package dev.rshell.client;

import dev.rshell.client.batch.StdoutStream;
import dev.rshell.client.interactive.TerminalSource;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What the client takes from its process, injected so tests can run it in-process and assert
 * exact stdout, stderr and status.
 *
 * @param in              standard input (commands when none are given otherwise)
 * @param out             standard output: the commands' {@code out} lines
 * @param err             standard error: {@code err} lines, notices, the client's messages
 * @param env             environment variables ({@code RSHELL_PASSWORD},
 *                        {@code RSHELL_IDENTITY_PASSWORD}, {@code RSHELL_HOME}, {@code HOME}):
 *                        the client reads its environment only through this map, so a test
 *                        that sets {@code HOME} here never touches the real home directory
 * @param localUser       the login name used when neither {@code USER@} nor {@code -u} is given
 * @param stdinIsTerminal true when stdin (and stdout) is a terminal: only then is the user asked
 *                        whether to trust a server seen for the first time
 * @param prompt          reads a password without echo
 * @param ask             asks a question with echo (first contact with a server)
 * @param terminal        opens the terminal for the interactive shell (only used when
 *                        {@code stdinIsTerminal} and no commands are given)
 */
public record ClientIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                       String localUser, boolean stdinIsTerminal, PasswordPrompt prompt, LinePrompt ask,
                       TerminalSource terminal) {

    public ClientIo {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(ask, "ask");
        Objects.requireNonNull(terminal, "terminal");
    }

    /** Without a terminal for the interactive shell: it falls back to batch mode. */
    public ClientIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                    String localUser, boolean stdinIsTerminal, PasswordPrompt prompt, LinePrompt ask) {
        this(in, out, err, env, localUser, stdinIsTerminal, prompt, ask, TerminalSource.none());
    }

    /** Without a question prompt: nobody can be asked, so first contact needs a flag. */
    public ClientIo(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                    String localUser, boolean stdinIsTerminal, PasswordPrompt prompt) {
        this(in, out, err, env, localUser, stdinIsTerminal, prompt, text -> null);
    }

    /**
     * The real process. Output is UTF-8 whatever the locale (the protocol's text is UTF-8, and
     * the client passes it through like ssh passes bytes), buffered, and flushed by the printer
     * whenever the server goes quiet.
     */
    public static ClientIo system() {
        Console console = System.console();
        PasswordPrompt prompt = text -> {
            Console c = System.console();
            return c == null ? null : c.readPassword("%s", text);
        };
        LinePrompt ask = text -> {
            Console c = System.console();
            return c == null ? null : c.readLine("%s", text);
        };
        // stdout remembers its write failures: the batch client ends when its reader is gone.
        return new ClientIo(System.in, StdoutStream.over(new FileOutputStream(FileDescriptor.out), 1 << 16),
                stream(FileDescriptor.err),
                System.getenv(), System.getProperty("user.name", ""), console != null, prompt, ask,
                TerminalSource.system());
    }

    /**
     * True when standard input is a terminal, even if stdout is not ({@code rshell host cmd > f}
     * typed at a prompt): then the batch client gives a command no input unless asked
     * ({@code --stdin-to}), as a person at a terminal does not mean to type to it. For the real
     * process on Linux it looks where file descriptor 0 leads ({@code /dev/pts/N},
     * {@code /dev/ttyN}, {@code /dev/console}); elsewhere, and for injected streams, it is
     * {@link #stdinIsTerminal()}.
     */
    public boolean inputIsTerminal() {
        if (stdinIsTerminal) {
            return true;
        }
        if (in != System.in) {
            return false;
        }
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false; // no /proc (not Linux): only the console says
        }
    }

    private static PrintStream stream(FileDescriptor fd) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(fd), 1 << 16), false,
                StandardCharsets.UTF_8);
    }
}
