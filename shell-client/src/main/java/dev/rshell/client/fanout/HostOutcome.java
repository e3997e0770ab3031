package dev.rshell.client.fanout;

import dev.rshell.common.protocol.ExitStatus;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one host's run ended. Exactly one per host; {@link FanoutStatus} combines them into the
 * process status.
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>when</th><th>status counted</th></tr>
 *   <tr><td>{@link Ok}</td><td>every command ended, the last with 0</td><td>0</td></tr>
 *   <tr><td>{@link Failed}</td><td>every command ended, the last with STATUS &ne; 0</td><td>STATUS</td></tr>
 *   <tr><td>{@link TimedOut}</td><td>ran past {@code --command-timeout}</td><td>255</td></tr>
 *   <tr><td>{@link Interrupted}</td><td>Ctrl-C ({@code interruptAll})</td><td>its status (130)</td></tr>
 *   <tr><td>{@link Unreachable}</td><td>could not connect, no {@code hello}, the server refused
 *       the connection ({@code busy}), or the connection ended before every {@code end}</td><td>255</td></tr>
 *   <tr><td>{@link LoginRefused}</td><td>the login failed, or no password could be had</td><td>255</td></tr>
 *   <tr><td>{@link NotTrusted}</td><td>the server's certificate was not trusted</td><td>255</td></tr>
 *   <tr><td>{@link ProtocolError}</td><td>the server broke the protocol, or speaks another transport</td><td>255</td></tr>
 * </table>
 */
public sealed interface HostOutcome {

    /** The kinds, in the order the summary lists them. */
    enum Kind {
        OK("ok", "ok"),
        FAILED("failed", "failed"),
        TIMED_OUT("timed out", "timed_out"),
        INTERRUPTED("interrupted", "interrupted"),
        UNREACHABLE("unreachable", "unreachable"),
        LOGIN_REFUSED("login refused", "login_refused"),
        NOT_TRUSTED("not trusted", "not_trusted"),
        PROTOCOL_ERROR("protocol error", "protocol_error");

        private final String word;
        private final String jsonName;

        Kind(String word, String jsonName) {
            this.word = word;
            this.jsonName = jsonName;
        }

        /** How the summary says it: {@code timed out}. */
        public String word() {
            return word;
        }

        /** How {@code --json} says it: {@code timed_out}. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** Which outcome this is. */
    Kind kind();

    /** The remote status when the host's last command ended; empty when it did not. */
    default OptionalInt remoteStatus() {
        return OptionalInt.empty();
    }

    /** Why, in one line without the host's name where possible; {@code null} for {@link Ok} and {@link Failed}. */
    default String reason() {
        return null;
    }

    /**
     * Whether this outcome makes the whole run 255 (as {@code pdsh -S} and {@code clush -S} count
     * a host they could not run on): the host could not be reached, logged in to or trusted,
     * broke the protocol, or ran out of time.
     */
    default boolean isFailureToRun() {
        return false;
    }

    /** Every command ended and the last one's status was 0. */
    record Ok() implements HostOutcome {
        @Override
        public Kind kind() {
            return Kind.OK;
        }

        @Override
        public OptionalInt remoteStatus() {
            return OptionalInt.of(ExitStatus.OK);
        }
    }

    /** Every command ended and the last one's status was {@code status}, not 0. */
    record Failed(int status) implements HostOutcome {
        public Failed {
            if (status <= 0 || status > 255) {
                throw new IllegalArgumentException("a failed status is 1 to 255: " + status);
            }
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        @Override
        public OptionalInt remoteStatus() {
            return OptionalInt.of(status);
        }
    }

    /** The host's commands ran past the command timeout and were interrupted. */
    record TimedOut(String reason) implements HostOutcome {
        public TimedOut {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.TIMED_OUT;
        }

        @Override
        public boolean isFailureToRun() {
            return true;
        }
    }

    /**
     * The run was interrupted (Ctrl-C) before this host's commands all ended.
     *
     * @param status the status counted: 130 (as protocol.md gives an interrupted command)
     * @param reason e.g. {@code before it connected}; {@code null} when the command itself was interrupted
     */
    record Interrupted(int status, String reason) implements HostOutcome {
        @Override
        public Kind kind() {
            return Kind.INTERRUPTED;
        }

        @Override
        public OptionalInt remoteStatus() {
            return OptionalInt.of(status);
        }
    }

    /** The host could not be reached, or the connection ended before every command's end. */
    record Unreachable(String reason) implements HostOutcome {
        public Unreachable {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.UNREACHABLE;
        }

        @Override
        public boolean isFailureToRun() {
            return true;
        }
    }

    /** The server refused the login (or no password could be had for it). */
    record LoginRefused(String reason) implements HostOutcome {
        public LoginRefused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.LOGIN_REFUSED;
        }

        @Override
        public boolean isFailureToRun() {
            return true;
        }
    }

    /** The server's certificate was not trusted (unknown, changed, or refused by the CA). */
    record NotTrusted(String reason) implements HostOutcome {
        public NotTrusted {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.NOT_TRUSTED;
        }

        @Override
        public boolean isFailureToRun() {
            return true;
        }
    }

    /** The server broke the protocol, or speaks another transport than asked for. */
    record ProtocolError(String reason) implements HostOutcome {
        public ProtocolError {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.PROTOCOL_ERROR;
        }

        @Override
        public boolean isFailureToRun() {
            return true;
        }
    }

    /** {@link Ok} for 0, else {@link Failed}. */
    static HostOutcome ofStatus(int status) {
        return status == 0 ? new Ok() : new Failed(status);
    }
}
