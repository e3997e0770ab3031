package dev.rshell.server.command;

import java.util.List;

/**
 * What a command line's words come to for one session, decided in one place before anything
 * runs: a built-in, an OS program, a word that names nothing (127), or something this session
 * may not run (126). The runner runs the first two alike, as {@link Command}s, and answers the
 * other two with their message and status; it has no other special cases.
 */
public sealed interface Resolution {

    /** A built-in, with the words after its name. */
    record Builtin(Command command, List<String> args) implements Resolution {
        public Builtin {
            args = List.copyOf(args);
        }
    }

    /** An OS program found and allowed; {@code command} runs it with {@code args}. */
    record Program(Command command, List<String> args) implements Resolution {
        public Program {
            args = List.copyOf(args);
        }
    }

    /** Nothing of that name: {@code rshell: WORD: command not found}, status 127. */
    record NotFound(String word) implements Resolution {
        /** The line the client gets on standard error. */
        public String message() {
            return "rshell: " + word + ": command not found";
        }
    }

    /**
     * Not runnable here, status 126: {@code message} is the whole stderr line. A denial by the
     * role's policy ({@code policyReason} not null) also goes to the audit log; an OS refusal
     * (a directory, no execute permission) or {@code exec} being off does not.
     */
    record Denied(String message, String policyReason) implements Resolution {
    }
}
