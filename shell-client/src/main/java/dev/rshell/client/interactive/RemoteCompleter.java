package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion from the server: sends {@code :complete LINE} with the line up to the cursor
 * and offers the words of the {@code ok W1 W2 …} answer (command names the user may run for
 * the first word, then paths; each already quoted as a command word and replacing the whole
 * word being typed). A candidate ending in {@code /} is a directory and gets no trailing space,
 * so the path can go on.
 *
 * <p>Never blocks the prompt for long: the answer is awaited at most {@code timeout}; a slower
 * server, a {@code no}, or a dropped connection offers nothing. A late answer is still matched
 * to its request ({@link Outgoing}) and then dropped.
 *
 * <p>Thread safety: runs on the input thread, inside {@code readLine}. While it waits, the
 * reader thread holds back printed lines ({@link ShellListener}) so the answer isn't stuck
 * behind a line waiting for the line reader's lock.
 */
final class RemoteCompleter implements Completer {

    private final Outgoing outgoing;
    private final Duration timeout;
    private final BooleanSupplier enabled;

    /**
     * @param enabled false while the line is a secret (a password prompt): nothing is sent
     */
    RemoteCompleter(Outgoing outgoing, Duration timeout, BooleanSupplier enabled) {
        this.outgoing = outgoing;
        this.timeout = timeout;
        this.enabled = enabled;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (!enabled.getAsBoolean()) {
            return;
        }
        String upToCursor = line.line().substring(0, line.cursor());
        if (upToCursor.indexOf('\n') >= 0 || upToCursor.indexOf('\r') >= 0) {
            return;
        }
        ServerLine answer;
        try {
            answer = outgoing.control(new ClientLine.Complete(upToCursor), Outgoing.Kind.COMPLETE).reply()
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (IOException | TimeoutException | ExecutionException e) {
            return;
        } catch (InterruptedException e) {
            // Ctrl-C while waiting: let the line reader see it.
            Thread.currentThread().interrupt();
            return;
        }
        if (answer instanceof ServerLine.Ok ok) {
            for (String word : WordParser.split(ok.text())) {
                candidates.add(new Candidate(word, word, null, null, null, null, !word.endsWith("/")));
            }
        }
    }
}
