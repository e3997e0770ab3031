package dev.rshell.client.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run over many hosts sends what happens: the streaming printer, the gatherer for
 * {@code -b}, the JSON-lines writer, the {@code --outdir} writer, or several at once
 * ({@link #all}).
 *
 * <h2>Threading</h2>
 * Calls come from many threads at once, so implementations are thread-safe. For one host they
 * never overlap and come in this order: {@link #loggedIn} (the host's worker thread), then
 * {@link #line} and {@link #idle} (the host's connection reader thread &mdash; the one call that
 * may print from it), then {@link #ended} exactly once (the worker thread, after the reader has
 * stopped; or the runner's thread when an interrupted run stops waiting for it, after which no
 * more lines of that host are delivered). {@link #finished} comes last, once, on the thread that
 * called {@link FanoutRunner#run}, after every host ended.
 */
public interface FanoutOutput {

    /** The host is logged in; its commands are about to be sent. */
    default void loggedIn(Host host) {
    }

    /** One line a command on {@code host} wrote, without its LF. */
    void line(Host host, HostStream stream, String text);

    /** The host's reader has nothing more buffered and is about to wait: the moment to flush. */
    default void idle(Host host) {
    }

    /** The host is done; every line of it came before. */
    void ended(HostResult result);

    /** Every host is done ({@code results} in host order). */
    default void finished(List<HostResult> results) {
    }

    /** An output that passes every call to each of {@code outputs}, in order. */
    static FanoutOutput all(FanoutOutput... outputs) {
        List<FanoutOutput> list = new ArrayList<>(List.of(outputs));
        return new FanoutOutput() {
            @Override
            public void loggedIn(Host host) {
                list.forEach(o -> o.loggedIn(host));
            }

            @Override
            public void line(Host host, HostStream stream, String text) {
                list.forEach(o -> o.line(host, stream, text));
            }

            @Override
            public void idle(Host host) {
                list.forEach(o -> o.idle(host));
            }

            @Override
            public void ended(HostResult result) {
                list.forEach(o -> o.ended(result));
            }

            @Override
            public void finished(List<HostResult> results) {
                list.forEach(o -> o.finished(results));
            }
        };
    }
}
