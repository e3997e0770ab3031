package dev.rshell.client.fanout;

import java.io.PrintStream;

/**
 * {@code --json}: one JSON object a line on stdout, as things happen, so {@code jq} can follow
 * a run line by line.
 *
 * <pre>
 * {"host":"web1","stream":"stdout","text":"hi"}
 * {"host":"web1","outcome":"ok","status":0,"duration_ms":41,"reason":null}
 * {"host":"web2","outcome":"unreachable","status":null,"duration_ms":3,"reason":"can't connect to web2:7022: Connection refused"}
 * </pre>
 *
 * <p>Output events have {@code host}, {@code stream} ({@code stdout} or {@code stderr}) and
 * {@code text}. The end of each host has {@code host}, {@code outcome} (the
 * {@link HostOutcome.Kind#jsonName()}: {@code ok}, {@code failed}, {@code timed_out},
 * {@code interrupted}, {@code unreachable}, {@code login_refused}, {@code not_trusted},
 * {@code protocol_error}), {@code status} (the remote status, or {@code null} when the host's
 * commands did not end), {@code duration_ms} and {@code reason} ({@code null} for ok and
 * failed). Strings are escaped by {@link JsonText}; the stream is UTF-8.
 *
 * <p>Thread safety: each event is one {@code print} under this writer's lock, so lines of
 * different hosts never mix; flushed when a host's reader waits and at each end.
 */
public final class JsonLinesWriter implements FanoutOutput {

    private final PrintStream out;

    public JsonLinesWriter(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void line(Host host, HostStream stream, String text) {
        out.print("{\"host\":" + JsonText.quote(host.label()) + ",\"stream\":\"" + stream.jsonName()
                + "\",\"text\":" + JsonText.quote(text) + "}\n");
    }

    @Override
    public synchronized void idle(Host host) {
        out.flush();
    }

    @Override
    public synchronized void ended(HostResult result) {
        HostOutcome o = result.outcome();
        String status = o.remoteStatus().isPresent() ? String.valueOf(o.remoteStatus().getAsInt()) : "null";
        out.print("{\"host\":" + JsonText.quote(result.host().label()) + ",\"outcome\":\"" + o.kind().jsonName()
                + "\",\"status\":" + status + ",\"duration_ms\":" + result.durationMs()
                + ",\"reason\":" + JsonText.quote(o.reason()) + "}\n");
        out.flush();
    }
}
