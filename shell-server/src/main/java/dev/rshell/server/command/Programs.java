package dev.rshell.server.command;

import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The OS programs one session may run, as {@code help} lists them and as built-ins that shadow
 * a program ({@code ls}, {@code cat}, ...) point to them: the server's {@code exec} setting and
 * the role's program policy, seen from the session's {@code PATH} and working directory.
 *
 * <p>Thread safety: implementations are thread-safe; a lookup reads the file system afresh.
 */
public interface Programs {

    /** Whether and how the session may run OS programs at all. */
    enum Access {
        /** The server's {@code exec} setting is off: no role runs any. */
        EXEC_OFF,
        /** The role may run none. */
        NONE,
        /** The role may run any program on the session's {@code PATH}. */
        ANY,
        /** The role may run the programs on its list ({@link #listed()}). */
        LISTED
    }

    /** What running a word as an OS program would do in this session. */
    sealed interface Lookup {
        /** It would run this file. */
        record Runs(Path path) implements Lookup {
        }

        /** It is allowed, but nothing runnable by that name was found. */
        record NotFound() implements Lookup {
        }

        /** It would be refused; {@code reason} as the refusal says it. */
        record Refused(String reason) implements Lookup {
        }
    }

    /** How the session may run OS programs. */
    Access access();

    /** The names and absolute paths on the role's list, sorted; empty unless {@link Access#LISTED}. */
    SortedSet<String> listed();

    /** What {@code word} (a name, or a path) would run as an OS program. */
    Lookup lookup(String word);

    /** No OS programs at all: for contexts that have none. */
    Programs NONE = new Programs() {
        @Override
        public Access access() {
            return Access.NONE;
        }

        @Override
        public SortedSet<String> listed() {
            return new TreeSet<>();
        }

        @Override
        public Lookup lookup(String word) {
            return new Lookup.Refused("OS programs can't be run here");
        }
    };
}
