package dev.rshell.client.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.bench.MiniJson;
import dev.rshell.client.connect.PlainTransport;
import dev.rshell.client.connect.TlsTransport;
import dev.rshell.client.trust.KnownHostsTrust;
import dev.rshell.client.fanout.FanoutOutput;
import dev.rshell.client.fanout.FanoutResult;
import dev.rshell.client.fanout.FanoutRunner;
import dev.rshell.client.fanout.FanoutSettings;
import dev.rshell.client.fanout.FoldedPrinter;
import dev.rshell.client.fanout.Gatherer;
import dev.rshell.client.fanout.GatheredLine;
import dev.rshell.client.fanout.GroupsFile;
import dev.rshell.client.fanout.Host;
import dev.rshell.client.fanout.HostConnector;
import dev.rshell.client.fanout.HostFolding;
import dev.rshell.client.fanout.HostOutcome;
import dev.rshell.client.fanout.HostResult;
import dev.rshell.client.fanout.HostSelection;
import dev.rshell.client.fanout.HostStream;
import dev.rshell.client.fanout.JsonLinesWriter;
import dev.rshell.client.fanout.OutdirWriter;
import dev.rshell.client.fanout.OutputGroup;
import dev.rshell.client.fanout.StreamingPrinter;
import dev.rshell.common.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fan-out building blocks against three real servers ({@code bin/rshell-server}, plain TCP,
 * each with its own data directory) on distinct 127.0.0.1 ports, and one closed port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FanoutEndToEndTest {

    private final List<ServerProcess> servers = new ArrayList<>();
    private Path dir;
    private int closedPort;

    @BeforeAll
    void start(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        for (int i = 1; i <= 3; i++) {
            Path data = dir.resolve("data" + i);
            ServerProcess.addUser(data, "alice", "admin"); // admin: OS commands (sh, sleep)
            servers.add(ServerProcess.start(data));
        }
        // Only the second server's home has the marker: "cat marker" fails on the others.
        Files.writeString(servers.get(1).dataDir.resolve("marker"), "found\n");
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (ServerProcess s : servers) {
            s.close();
        }
    }

    private String set(boolean withClosed) {
        StringBuilder b = new StringBuilder();
        for (ServerProcess s : servers) {
            b.append(b.length() == 0 ? "" : ",").append("127.0.0.1:").append(s.port);
        }
        if (withClosed) {
            b.append(",127.0.0.1:").append(closedPort);
        }
        return b.toString();
    }

    private List<Host> hosts(boolean withClosed) {
        // -u alice for all, as "rshell -u alice HOSTS" would; the groups file is never needed
        return new HostSelection(() -> GroupsFile.none(dir.resolve("groups"))).add(set(withClosed))
                .resolve("alice", null, "nobody", Protocol.DEFAULT_PORT);
    }

    private static HostConnector connector() {
        return HostConnector.of(PlainTransport::new, () -> ServerProcess.PASSWORD, Duration.ofSeconds(20));
    }

    private static final class Capture {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            stream.flush();
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    private String label(ServerProcess s) {
        return "127.0.0.1:" + s.port;
    }

    @Test
    void echoOnThreeServersAndAClosedPort() throws Exception {
        List<Host> hosts = hosts(true);
        Gatherer gatherer = new Gatherer(Gatherer.DEFAULT_LIMIT);
        Capture json = new Capture();
        Capture out = new Capture();
        Capture err = new Capture();
        Path outdir = dir.resolve("outdir");
        FanoutOutput output = FanoutOutput.all(gatherer, new JsonLinesWriter(json.stream),
                new StreamingPrinter(out.stream, err.stream, true), new OutdirWriter(outdir));
        FanoutResult r = new FanoutRunner(FanoutSettings.defaults(), connector(), output).run(hosts, List.of("echo hi"));

        List<HostOutcome> outcomes = r.results().stream().map(HostResult::outcome).toList();
        assertEquals(List.of(new HostOutcome.Ok(), new HostOutcome.Ok(), new HostOutcome.Ok()), outcomes.subList(0, 3));
        assertEquals(new HostOutcome.Unreachable("can't connect to 127.0.0.1:" + closedPort + ": Connection refused"),
                outcomes.get(3));
        assertEquals(255, r.exitStatus());

        // streaming: three prefixed lines, in whatever order the hosts answered
        List<String> printed = new ArrayList<>(out.text().lines().toList());
        Collections.sort(printed);
        List<String> expected = new ArrayList<>();
        for (ServerProcess s : servers) {
            expected.add(label(s) + ": hi");
        }
        Collections.sort(expected);
        assertEquals(expected, printed);

        // gathered: one group of the three servers, folded
        List<OutputGroup> groups = gatherer.groups();
        assertEquals(1, groups.size(), groups.toString());
        List<String> three = servers.stream().map(this::label).toList();
        assertEquals(HostFolding.fold(three), groups.get(0).folded());
        assertEquals(List.of(new GatheredLine(HostStream.STDOUT, "hi")), groups.get(0).lines());
        Capture folded = new Capture();
        FoldedPrinter.gathered(groups, gatherer.limit(), folded.stream, folded.stream);
        assertEquals("---------------\n" + HostFolding.fold(three) + " (3)\n---------------\nhi\n", folded.text());

        // JSON lines: each parses; 3 output events and 4 ends
        List<Object> events = json.text().lines().map(MiniJson::parse).toList();
        assertEquals(7, events.size(), json.text());
        long outputs = events.stream().filter(e -> ((Map<?, ?>) e).containsKey("stream")).count();
        assertEquals(3, outputs);
        for (Object e : events) {
            Map<?, ?> m = (Map<?, ?>) e;
            if (m.containsKey("stream")) {
                assertEquals("stdout", m.get("stream"));
                assertEquals("hi", m.get("text"));
            } else if (m.get("host").equals("127.0.0.1:" + closedPort)) {
                assertEquals("unreachable", m.get("outcome"));
                assertEquals(null, m.get("status"));
            } else {
                assertEquals("ok", m.get("outcome"));
                assertEquals(0, MiniJson.longAt(e, "status"));
                assertTrue(MiniJson.longAt(e, "duration_ms") >= 0);
            }
        }

        // summary
        assertEquals(List.of("ok 3 " + HostFolding.fold(three),
                "unreachable 1 127.0.0.1:" + closedPort + " (connection refused)"), r.summary());

        // --outdir: each server's pair, none for the closed port
        for (ServerProcess s : servers) {
            assertEquals("hi\n", Files.readString(outdir.resolve(label(s) + ".out")));
            assertEquals("", Files.readString(outdir.resolve(label(s) + ".err")));
        }
        assertTrue(Files.notExists(outdir.resolve("127.0.0.1:" + closedPort + ".out")));
    }

    /** Over TLS (the default transport), in batch: an unknown server is refused, a plain one named. */
    @Test
    void anUnknownTlsServerIsNotTrustedAndAPlainOneIsAProtocolError() throws Exception {
        try (ServerProcess tls = ServerProcess.startTls(dir.resolve("data-tls"), 0)) {
            Path knownHosts = dir.resolve("known_hosts");
            Capture err = new Capture();
            HostConnector overTls = HostConnector.of(() -> new TlsTransport(new KnownHostsTrust(knownHosts, false, false,
                    question -> null, err.stream), Optional.empty(), false), () -> ServerProcess.PASSWORD,
                    Duration.ofSeconds(20));
            List<Host> hosts = new HostSelection(() -> GroupsFile.none(dir.resolve("groups")))
                    .add("127.0.0.1:" + tls.port + ",127.0.0.1:" + servers.get(1).port)
                    .resolve("alice", null, "nobody", Protocol.DEFAULT_PORT);
            FanoutResult r = new FanoutRunner(FanoutSettings.defaults(), overTls, new Gatherer(1024))
                    .run(hosts, List.of("echo hi"));
            HostOutcome unknown = r.results().get(0).outcome();
            assertTrue(unknown instanceof HostOutcome.NotTrusted, unknown.toString());
            assertTrue(unknown.reason().startsWith("refused unknown server 127.0.0.1:" + tls.port + " (certificate SHA256:"),
                    unknown.reason());
            assertEquals(new HostOutcome.ProtocolError("127.0.0.1:" + servers.get(1).port
                    + " speaks plain TCP, not TLS: use --no-tls"), r.results().get(1).outcome());
            assertEquals(255, r.exitStatus());
            assertTrue(Files.notExists(knownHosts), "nothing was remembered without --accept-new");
        }
    }

    @Test
    void aFailingCommandOnSomeHostsGathersByStatus() throws Exception {
        Gatherer gatherer = new Gatherer(Gatherer.DEFAULT_LIMIT);
        FanoutResult r = new FanoutRunner(FanoutSettings.defaults(), connector(), gatherer)
                .run(hosts(false), List.of("echo hi", "cat marker"));
        assertEquals(1, r.exitStatus(), r.results().toString());
        assertEquals(new HostOutcome.Ok(), r.results().get(1).outcome());
        assertEquals(new HostOutcome.Failed(1), r.results().get(0).outcome());
        assertEquals(new HostOutcome.Failed(1), r.results().get(2).outcome());
        List<OutputGroup> groups = gatherer.groups();
        assertEquals(2, groups.size(), groups.toString());
        assertEquals(HostFolding.fold(List.of(label(servers.get(0)), label(servers.get(2)))), groups.get(0).folded());
        assertEquals("status 1", groups.get(0).note());
        assertEquals(new GatheredLine(HostStream.STDOUT, "hi"), groups.get(0).lines().get(0));
        assertEquals(HostStream.STDERR, groups.get(0).lines().get(1).stream());
        assertEquals(label(servers.get(1)), groups.get(1).folded());
        assertEquals(List.of(new GatheredLine(HostStream.STDOUT, "hi"), new GatheredLine(HostStream.STDOUT, "found")),
                groups.get(1).lines());
        assertEquals(List.of("ok 1 " + label(servers.get(1)),
                "failed 2 " + groups.get(0).folded() + " (status 1)"), r.summary());

        Capture diff = new Capture();
        FoldedPrinter.diff(groups, gatherer.limit(), diff.stream, diff.stream);
        String text = diff.text();
        assertTrue(text.contains("--- " + groups.get(0).folded() + " (2) status 1\n+++ " + label(servers.get(1)) + " (1)\n"),
                text);
        assertTrue(text.contains("\n+found\n"), text);
    }

    @Test
    void aHostPastTheCommandTimeoutIsTimedOutAndTheRunIs255() throws Exception {
        AtomicInteger started = new AtomicInteger();
        FanoutOutput counting = new FanoutOutput() {
            @Override
            public void line(Host host, HostStream stream, String text) {
                started.incrementAndGet();
            }

            @Override
            public void ended(HostResult result) {
            }
        };
        FanoutSettings settings = FanoutSettings.defaults().withCommandTimeout(Duration.ofSeconds(2));
        List<Host> one = hosts(false).subList(0, 1);
        FanoutResult r = new FanoutRunner(settings, connector(), counting).run(one, List.of("echo started", "sleep 60"));
        assertEquals(new HostOutcome.TimedOut("ran past --command-timeout 2s"), r.results().get(0).outcome());
        assertEquals(255, r.exitStatus());
        assertEquals(1, started.get());
        assertEquals(List.of("timed out 1 " + label(servers.get(0)) + " (ran past --command-timeout 2s)"), r.summary());
    }

    @Test
    void interruptAllStopsEveryHostAndKeepsWhatCame() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        FanoutOutput recording = new FanoutOutput() {
            @Override
            public void line(Host host, HostStream stream, String text) {
                lines.add(host.label() + " " + text);
            }

            @Override
            public void ended(HostResult result) {
            }
        };
        FanoutRunner runner = new FanoutRunner(FanoutSettings.defaults(), connector(), recording);
        Thread ctrlC = new Thread(() -> {
            try {
                // bounded: at most 60 s for the three hosts to start (a loaded machine)
                for (int i = 0; i < 1200 && lines.size() < 3; i++) {
                    Thread.sleep(50);
                }
                Thread.sleep(200); // let the sleeps start behind the echoes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runner.interruptAll();
        }, "test-ctrl-c");
        ctrlC.start();
        FanoutResult r = runner.run(hosts(false), List.of("echo started", "sleep 60", "echo after"));
        ctrlC.join();
        assertTrue(r.interrupted());
        for (HostResult h : r.results()) {
            assertEquals(new HostOutcome.Interrupted(130, null), h.outcome(), h.toString());
        }
        assertEquals(130, r.exitStatus());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.endsWith(" started")), lines.toString());
        assertEquals(List.of("interrupted 3 " + HostFolding.fold(servers.stream().map(this::label).toList())), r.summary());
    }
}
