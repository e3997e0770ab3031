package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Connecting, hello and login: every failure is 255 with one line, and bounded in time. */
class LoginAndConnectTest {

    @TempDir
    Path dir;

    private FakeServer fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        ClientRun.assertNoReaderThread();
    }

    @Test
    @Timeout(10)
    void theLocalLoginNameAndRshellPasswordByDefault() throws Exception {
        fake = FakeServer.start();
        assertEquals(0, client().localUser("dora").run(fake.target(), "echo", "x").status());
        assertEquals(List.of("dora secret"), fake.logins);
    }

    @Test
    @Timeout(10)
    void userBeforeTheHostOrWithDashU() throws Exception {
        fake = FakeServer.start();
        assertEquals(0, client().run("bob@" + fake.target(), "echo", "x").status());
        assertEquals(0, client().run("-u", "carol", fake.target(), "echo", "x").status());
        assertEquals(0, client().run("-p", "" + fake.port(), "erin@127.0.0.1", "echo", "x").status());
        assertEquals(List.of("bob secret", "carol secret", "erin secret"), fake.logins);
    }

    @Test
    @Timeout(10)
    void passwordFileWinsAndOnlyItsFirstLineCounts() throws Exception {
        fake = FakeServer.start(f -> f.password = "from file");
        Path file = Files.writeString(dir.resolve("pw"), "from file\r\nsecond line\n");
        ClientRun.Result r = client().env("RSHELL_PASSWORD", "from env")
                .run("--password-file", file.toString(), fake.target(), "echo", "ok");
        assertEquals(new ClientRun.Result(0, "ok\n", ""), r);
        assertEquals(List.of("tester from file"), fake.logins);
    }

    @Test
    @Timeout(10)
    void aMissingPasswordFileIs255() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().run("--password-file", dir.resolve("nope").toString(), fake.target());
        assertEquals(new ClientRun.Result(255, "",
                "rshell: can't read --password-file " + dir.resolve("nope") + ": no such file\n"), r);
    }

    @Test
    @Timeout(10)
    void passwordFromThePromptWhenNothingElseGivesOne() throws Exception {
        fake = FakeServer.start();
        ClientRun run = client().env("RSHELL_PASSWORD", null).prompt(FakeServer.PASSWORD);
        assertEquals(new ClientRun.Result(0, "x\n", ""), run.run(fake.target(), "echo", "x"));
        assertEquals(List.of("tester@127.0.0.1's password: "), run.prompts);
    }

    @Test
    @Timeout(10)
    void noPasswordAnywhereIs255() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().env("RSHELL_PASSWORD", null).prompt(null).run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: no password: use --password-file or RSHELL_PASSWORD\n"), r);
        assertEquals(List.of(), fake.received());
    }

    @Test
    @Timeout(10)
    void aRefusedLoginIs255WithTheServersTextAndNeverShowsThePassword() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().env("RSHELL_PASSWORD", "hunter2").run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: login failed for tester (the local login name): wrong user name or password\n"), r);
        assertFalse(r.err().contains("hunter2"));
        assertEquals(List.of(), fake.received(), "a command was sent without a login");
    }

    @Test
    @Timeout(10)
    void aTypedPasswordThatWasRefusedIsAskedAgainNamingTheUser() throws Exception {
        fake = FakeServer.start();
        ClientRun run = client().env("RSHELL_PASSWORD", null).prompts("wrong", FakeServer.PASSWORD);
        assertEquals(new ClientRun.Result(0, "x\n", ""), run.run("alice@" + fake.target(), "echo", "x"));
        assertEquals(List.of("alice@127.0.0.1's password: ",
                "login failed for alice; try again\nalice@127.0.0.1's password: "), run.prompts);
        assertEquals(List.of("alice wrong", "alice " + FakeServer.PASSWORD), fake.logins);
    }

    @Test
    @Timeout(10)
    void typedPasswordsAreAskedUntilTheServersLimitAndTheDefaultUserIsNamed() throws Exception {
        fake = FakeServer.start(f -> f.maxTries = 3);
        ClientRun run = client().env("RSHELL_PASSWORD", null).prompts("a", "b", "c", "d");
        assertEquals(new ClientRun.Result(255, "",
                "rshell: login failed for tester (the local login name): too many failed logins\n"),
                run.run(fake.target(), "echo", "x"));
        assertEquals(3, run.prompts.size(), "the server's third failure ends it: " + run.prompts);
        assertEquals("login failed for tester (the local login name); try again\ntester@127.0.0.1's password: ",
                run.prompts.get(2));
    }

    @Test
    @Timeout(10)
    void aPasswordFromTheEnvironmentIsNotRetried() throws Exception {
        fake = FakeServer.start();
        client().env("RSHELL_PASSWORD", "wrong").run(fake.target(), "echo", "x");
        assertEquals(1, fake.logins.size());
    }

    @Test
    @Timeout(10)
    void tooManyFailedLoginsIs255() throws Exception {
        fake = FakeServer.start(f -> f.maxTries = 1);
        ClientRun.Result r = client().env("RSHELL_PASSWORD", "wrong").run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: login failed for tester (the local login name): too many failed logins\n"), r);
    }

    @Test
    @Timeout(10)
    void aBusyServerIs255() throws Exception {
        fake = FakeServer.start(f -> f.greeting = "bye busy");
        ClientRun.Result r = client().run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: " + fake.target() + " refused the connection: busy\n"), r);
    }

    @Test
    @Timeout(10)
    void anotherProtocolVersionIs255() throws Exception {
        fake = FakeServer.start(f -> f.greeting = "hello rshell/9 fake auth=password");
        ClientRun.Result r = client().run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "",
                "rshell: " + fake.target() + " speaks rshell/9; this client speaks rshell/1\n"), r);
    }

    @Test
    @Timeout(10)
    void everyMinorVersionOf1IsSpoken() throws Exception {
        for (String version : List.of("rshell/1.1", "rshell/1.12")) {
            fake = FakeServer.start(f -> f.greeting = "hello " + version + " fake auth=password");
            assertEquals(new ClientRun.Result(0, "x\n", ""), client().run(fake.target(), "echo", "x"), version);
            fake.close();
            fake = null;
        }
    }

    @Test
    @Timeout(10)
    void aLineOtherThanHelloFirstIsAProtocolError() throws Exception {
        fake = FakeServer.start(f -> f.greeting = "out 1 surprise");
        ClientRun.Result r = client().run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: protocol error: expected hello, got \"out 1 surprise\"\n"), r);
    }

    @Test
    @Timeout(10)
    void aRefusedConnectionIs255Quickly() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        ClientRun.Result r = client().run("127.0.0.1:" + port, "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(255, r.status());
        assertEquals("rshell: can't connect to 127.0.0.1:" + port + ": Connection refused\n", r.err());
        assertTrue(millis < 3000, "took " + millis + " ms");
    }

    @Test
    @Timeout(10)
    void aServerThatNeverSaysHelloTimesOut() throws Exception {
        fake = FakeServer.start(f -> f.greeting = null);
        long start = System.nanoTime();
        ClientRun.Result r = client().run("--connect-timeout", "1", fake.target(), "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(255, "",
                "rshell: no hello from " + fake.target() + " within 1s (--connect-timeout)"
                        + "; if it speaks TLS, drop --no-tls\n"), r);
        assertTrue(millis >= 900 && millis < 4000, "took " + millis + " ms");
    }

    @Test
    @Timeout(10)
    void aServerThatNeverAnswersTheLoginTimesOut() throws Exception {
        fake = FakeServer.start(f -> f.answerLogin = false);
        ClientRun.Result r = client().run("--connect-timeout", "0.5", fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "",
                "rshell: no answer to :login from " + fake.target() + " within 0.5s (--connect-timeout)\n"), r);
    }

    @Test
    @Timeout(10)
    void noTlsSelectsPlainTcp() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "x\n", ""),
                ClientRun.tlsClient().run("--no-tls", fake.target(), "echo", "x"));
    }
}
