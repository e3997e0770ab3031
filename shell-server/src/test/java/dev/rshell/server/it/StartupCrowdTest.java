package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crowd that holds every {@code max-startups} place can't lock out a new login: with 4 ×
 * {@code max-startups} silent and dripping connections from ten other addresses, each
 * reconnecting as soon as it is dropped, a real user from 127.0.0.1 logs in on at least 9 of
 * 10 tries. (With a hard cap, every one of the tries got {@code bye busy} until the crowd's
 * {@code login-grace} ran out.) Bounded: 64 crowd peers, at most 2000 connections each and
 * 60 s; 10 tries.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StartupCrowdTest {

    private static final int MAX_STARTUPS = 16;
    private static final int DRIPPING = MAX_STARTUPS;
    private static final int SILENT = 3 * MAX_STARTUPS;
    private static final int TRIES = 10;
    private static final byte[] PARTIAL_LINE = "x".repeat(4096).getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;
    TestServer server;
    Crowd crowd;

    @AfterEach
    void stop() throws Exception {
        if (crowd != null) {
            crowd.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRealUserLogsInThroughACrowdOnAPlainListener() throws Exception {
        server = TestServer.start(dir, Map.of("max-startups", String.valueOf(MAX_STARTUPS)));
        crowd = crowd(PARTIAL_LINE);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            try (RawClient c = server.connect()) {
                record(failures, tryLogin(c));
            }
        }
        report(failures);
    }

    @Test
    void aRealUserLogsInThroughACrowdOnATlsListener() throws Exception {
        server = TestServer.start(dir, Map.of("max-startups", String.valueOf(MAX_STARTUPS), "tls", "on"));
        crowd = crowd(Drip.clientHello());
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            RawClient c;
            try {
                c = server.connectTls(Optional.empty());
            } catch (IOException e) {
                failures.add("handshake failed: " + e);
                continue;
            }
            try (c) {
                record(failures, tryLogin(c));
            }
        }
        report(failures);
    }

    /** Starts the crowd and waits until it holds every place (bounded: 10 s). */
    private Crowd crowd(byte[] drip) throws InterruptedException {
        Crowd started = new Crowd(server.address, Crowd.loopback(2, 11), drip, 500, 50, 2000, 60_000)
                .start(SILENT, DRIPPING);
        for (int i = 0; i < 500 && (started.connects() < DRIPPING + SILENT
                || server.server.sessions().startups() < MAX_STARTUPS); i++) {
            Thread.sleep(20);
        }
        assertTrue(server.server.sessions().startups() == MAX_STARTUPS,
                "the crowd holds " + server.server.sessions().startups() + " places");
        return started;
    }

    private void report(List<String> failures) {
        System.out.printf("logged in %d of %d; crowd: %d connections, %d ended by the server; %d evictions%n",
                TRIES - failures.size(), TRIES, crowd.connects(), crowd.endedByServer(),
                server.server.sessions().evictions());
        assertTrue(failures.size() <= 1, "logged in on " + (TRIES - failures.size()) + " of " + TRIES
                + " tries; the others got " + failures);
    }

    private static void record(List<String> failures, String failure) {
        if (failure != null) {
            failures.add(failure);
        }
    }

    /** Logs alice in on {@code c} and out again; null on success, else what the server said. */
    private String tryLogin(RawClient c) {
        try {
            String first = c.line();
            if (first == null || !first.startsWith("hello ")) {
                return String.valueOf(first);
            }
            c.send(":login alice " + TestServer.PASSWORD);
            String answer = c.line();
            if (answer == null || !answer.startsWith("ok logged in")) {
                return String.valueOf(answer);
            }
            c.send(":quit");
            c.rest();
            return null;
        } catch (IOException | AssertionError e) {
            return e.toString();
        }
    }
}
