/**
 * {@code rshell bench}: the benchmark, in the spirit of redis-benchmark, with its own yardstick.
 *
 * <p>Key types: {@link dev.rshell.client.bench.BenchCommand} (the picocli subcommand: options,
 * checks, exit status), {@code Bench} (the order of a run: stats, idle sessions, the load, the
 * baseline), {@code LoadRun} and {@code LoadClient} (N connections with K commands in flight
 * each; the writer stamps, the connection's reader thread counts {@code end} lines and records
 * latencies), {@code Endpoint} (an rshell login or a bare connection, both read by the client's
 * own {@code Connection}), {@link dev.rshell.client.bench.BaselineEchoServer} (the in-process raw
 * line server of {@code --baseline}), {@code LatencyRecorder}, {@code LogHistogram},
 * {@code Percentiles} and {@code LatencyRows} (the figures), {@code ServerStats},
 * {@code ControlSession} and {@code IdleSessions} ({@code --sessions}), and {@code TextReport} /
 * {@code JsonReport} (the two outputs).
 *
 * <p>Threads, each named and each ended before the command returns: one client thread per
 * connection ({@code rshell-bench-client-N}) plus the connection's reader
 * ({@code rshell-reader}), a virtual thread for an idle session of {@code --sessions} on Java 21
 * and later; short-lived openers ({@code rshell-bench-open-N},
 * {@code rshell-bench-idle-N}); the progress line ({@code rshell-bench-progress}); and the
 * baseline server's acceptor and connection threads ({@code rshell-bench-echo-*}).
 */
package dev.rshell.client.bench;
