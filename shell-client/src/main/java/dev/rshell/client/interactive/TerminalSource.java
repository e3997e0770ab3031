package dev.rshell.client.interactive;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Opens the terminal the interactive shell runs on: the process's own (system) terminal in
 * the real client, a virtual one in tests. Never a "dumb" terminal: JLine would otherwise fall
 * back to one silently and write prompts and padding into the output.
 */
@FunctionalInterface
public interface TerminalSource {

    /**
     * @return an open terminal, which the caller closes
     * @throws IOException with a one-line reason when no usable terminal can be opened
     */
    Terminal open() throws IOException;

    /**
     * The process's terminal (stdin and stdout), through JLine's system providers.
     *
     * <p>Without JLine's software signals: by default JLine 4 also raises SIGINT itself when it
     * reads a Ctrl-C byte while signals are off (raw mode, as while a line is edited), and passes
     * the byte on too. The line reader then gets both, an interrupt of its thread and the key, in
     * either order: when the interrupt wins, the key is left over for the next read, which ends
     * at once as a second Ctrl-C (a stray empty prompt). With them off, a Ctrl-C while a line is
     * edited is only the key, and otherwise the kernel's signal, as on any terminal. A value the
     * user set for the property is kept.
     */
    static TerminalSource system() {
        return () -> {
            if (System.getProperty(TerminalBuilder.PROP_SOFTWARE_SIGNALS) == null) {
                System.setProperty(TerminalBuilder.PROP_SOFTWARE_SIGNALS, "false");
            }
            Terminal terminal;
            try {
                terminal = TerminalBuilder.builder().name("rshell").system(true).dumb(false).build();
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage() == null ? "no system terminal" : e.getMessage(), e);
            }
            String type = terminal.getType();
            if (type == null || Terminal.TYPE_DUMB.equals(type) || Terminal.TYPE_DUMB_COLOR.equals(type)) {
                terminal.close();
                throw new IOException(type == null ? "the terminal type is unknown" : "TERM is '" + type + "'");
            }
            return terminal;
        };
    }

    /** No terminal at all: opening fails. */
    static TerminalSource none() {
        return () -> {
            throw new IOException("no terminal");
        };
    }
}
