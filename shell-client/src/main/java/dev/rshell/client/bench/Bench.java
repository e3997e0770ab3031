package dev.rshell.client.bench;

import dev.rshell.client.connect.Connection;
import dev.rshell.client.connect.PlainTransport;
import dev.rshell.client.connect.SessionFailure;
import dev.rshell.client.connect.TlsTransport;
import dev.rshell.client.connect.Transport;
import dev.rshell.client.trust.PinnedTrust;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code rshell bench} run, in order: with {@code --sessions}, a control session reads the
 * server's {@code stats}, the idle sessions are opened and {@code stats} read again; the load
 * runs against rshell ({@link LoadRun}); {@code stats} once more, and the idle sessions are
 * closed; with {@code --baseline}, the in-process {@link BaselineEchoServer} is started with the
 * same TLS setting, the same load runs against it, and it is stopped.
 *
 * <p>Everything this class starts, it stops before {@link #run} returns or throws: sessions,
 * connections, the baseline server and their threads.
 *
 * <p>Thread safety: one run per instance, on the calling (main) thread.
 */
final class Bench {

    /**
     * What to run.
     *
     * @param rshell         the rshell server's endpoint (transport, login)
     * @param authority      {@code host:port} of the rshell server
     * @param tls            whether the rshell transport is TLS (the baseline then is too)
     * @param allowTls12     {@code --tls12}, for the baseline's TLS as well
     * @param connectTimeout {@code --connect-timeout}, for the baseline's connections
     * @param load           the load, for both
     * @param sessions       {@code --sessions}
     * @param baseline       {@code --baseline}
     */
    record Plan(Endpoint rshell, String authority, boolean tls, boolean allowTls12, Duration connectTimeout,
                LoadSettings load, int sessions, boolean baseline) {
        Plan {
            Objects.requireNonNull(rshell, "rshell");
            Objects.requireNonNull(load, "load");
        }
    }

    private final Plan plan;
    private final ProgressLine progress;

    Bench(Plan plan, ProgressLine progress) {
        this.plan = plan;
        this.progress = progress;
    }

    /**
     * Runs it all.
     *
     * @throws SessionFailure when the server can't be reached or logged in to, or the baseline
     *                        server can't start; the message is one line
     */
    BenchResult run() throws SessionFailure {
        LoadResult rshell;
        SessionFigures sessions = null;
        if (plan.sessions() > 0) {
            Duration timeout = plan.load().timeout();
            try (ControlSession control = ControlSession.open(plan.rshell())) {
                ServerStats.Reading before = ServerStats.read(control, timeout);
                try (IdleSessions idle = IdleSessions.open(plan.rshell(), plan.sessions())) {
                    ServerStats.Reading open = available(before) ? ServerStats.read(control, timeout) : before;
                    rshell = new LoadRun("rshell", plan.rshell(), plan.load(), progress).run();
                    ServerStats.Reading after = available(before) ? ServerStats.read(control, timeout) : before;
                    sessions = new SessionFigures(plan.sessions(), idle.lost(), idle.retried(), before, open,
                            after);
                }
            }
        } else {
            rshell = new LoadRun("rshell", plan.rshell(), plan.load(), progress).run();
        }
        LoadResult baseline = plan.baseline() ? runBaseline() : null;
        return new BenchResult(plan.authority(), plan.tls(), plan.load(), rshell, baseline, sessions);
    }

    private static boolean available(ServerStats.Reading r) {
        return r instanceof ServerStats.Reading.Available;
    }

    private LoadResult runBaseline() throws SessionFailure {
        BaselineEchoServer echo;
        try {
            echo = plan.tls() ? BaselineEchoServer.startTls(plan.allowTls12()) : BaselineEchoServer.startPlain();
        } catch (IOException | RuntimeException e) {
            throw new SessionFailure("can't start the baseline server on 127.0.0.1: "
                    + (e instanceof IOException io ? Connection.describe(io) : e.getClass().getSimpleName()));
        }
        try (echo) {
            Transport transport = plan.tls()
                    ? new TlsTransport(new PinnedTrust(echo.fingerprint().orElseThrow()), Optional.empty(),
                            plan.allowTls12())
                    : new PlainTransport();
            Endpoint endpoint = Endpoint.echo(transport, echo.host(), echo.port(), plan.connectTimeout());
            return new LoadRun("baseline", endpoint, plan.load(), progress).run();
        }
    }
}
