package dev.rshell.client.fanout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Small helpers for the fanout tests. */
final class Hosts {

    private Hosts() {
    }

    static Host host(String label) {
        return new Host(label, "u", false, label, 7022);
    }

    static HostResult result(String label, HostOutcome outcome) {
        return new HostResult(host(label), outcome, 7);
    }

    /** A UTF-8 PrintStream over a buffer, readable with {@link Capture#text()}. */
    static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, false, StandardCharsets.UTF_8);

        String text() {
            stream.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
