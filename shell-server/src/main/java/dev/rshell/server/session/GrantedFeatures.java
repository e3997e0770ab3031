package dev.rshell.server.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The protocol features a session's client asked for and got ({@code :features}); what was
 * granted stays granted for the session.
 *
 * <p>Thread safety: thread-safe; the reader grants, any thread reads.
 */
final class GrantedFeatures {

    /** Standard input for commands: {@code :stdin}, {@code :in}, {@code :eof}, {@code more}. */
    static final String INPUT = "input";
    /** Live prompts: {@code part}. */
    static final String PARTIAL = "partial";
    /** Byte-exact output and input: {@code outb}, {@code errb}, {@code :inb}. */
    static final String BYTES = "bytes";

    private volatile boolean input;
    private volatile boolean partial;
    private volatile boolean bytes;

    /** Grants those of {@code names} this server has; answers them in the order asked. */
    List<String> grant(List<String> names) {
        List<String> granted = new ArrayList<>();
        for (String name : names) {
            switch (name) {
                case INPUT -> input = true;
                case PARTIAL -> partial = true;
                case BYTES -> bytes = true;
                default -> {
                    continue; // unknown names are left out, never an error
                }
            }
            if (!granted.contains(name)) {
                granted.add(name);
            }
        }
        return granted;
    }

    boolean input() {
        return input;
    }

    boolean partial() {
        return partial;
    }

    boolean bytes() {
        return bytes;
    }
}
