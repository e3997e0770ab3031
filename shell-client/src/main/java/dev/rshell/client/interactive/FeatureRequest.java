package dev.rshell.client.interactive;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.Feature;
import dev.rshell.common.protocol.ServerLine;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shell's {@code :features} request, sent once after login (protocol 1.1): standard input for
 * foreground commands and their prompts. A version 1 server answers {@code no unknown control
 * line}, and the shell then behaves as with version 1; so it does when no answer comes in time.
 *
 * <p>Not {@code bytes}: a terminal shows text, which the server's {@code out}/{@code err} lines
 * are, so the shell never has to decode {@code outb}/{@code errb}.
 *
 * <p>Thread safety: the input thread only (the answer comes through {@link Outgoing}).
 */
final class FeatureRequest {

    /** What the shell asks for, in this order. */
    static final List<Feature> WANTED = List.of(Feature.INPUT, Feature.PARTIAL);

    private final Outgoing.Request request;

    private FeatureRequest(Outgoing.Request request) {
        this.request = request;
    }

    /** Sends {@code :features input partial}; the answer is read by {@link #granted}. */
    static FeatureRequest send(Outgoing outgoing) {
        try {
            return new FeatureRequest(outgoing.control(ClientLine.Features.of(WANTED.toArray(Feature[]::new)),
                    Outgoing.Kind.FEATURES));
        } catch (IOException e) {
            return new FeatureRequest(null); // the reader sees the connection end
        }
    }

    /**
     * The features the answer grants, waiting for it at most {@code limit}: none when it says no
     * or does not come in time, and none without {@code input} (a prompt alone is of no use).
     */
    Set<Feature> granted(Duration limit) throws InterruptedException {
        if (request == null) {
            return Set.of();
        }
        try {
            ServerLine answer = request.reply().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (answer instanceof ServerLine.Ok ok) {
                Set<Feature> got = Feature.parse(ok.text());
                return got.contains(Feature.INPUT) ? got : Set.of();
            }
        } catch (ExecutionException | TimeoutException e) {
            // no answer: as a version 1 server
        }
        return Set.of();
    }
}
