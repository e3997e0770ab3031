package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which command gets the client's standard input, the options that say so, and what happens
 * against a server that takes none (the fake speaks protocol 1): stdin holding data is refused
 * before anything runs, rather than silently dropped; stdin that is empty loses nothing.
 */
@Timeout(10)
class StdinRoutingTest {

    private FakeServer fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        ClientRun.assertNoReaderThread();
    }

    private String refusal(String version) {
        return "rshell: " + fake.target() + " does not take standard input (" + version
                + "); use -n to send none\n";
    }

    @Test
    void aVersion1ServerGivenStdinForItsCommandIsRefusedWith255AndNothingRuns() throws Exception {
        fake = FakeServer.start();
        ClientRun.Result r = client().stdin("b\na\n").run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", refusal("rshell/1")), r);
        assertEquals(List.of(), fake.received(), "no :features to a server that says rshell/1, and no command");
        ClientRun.Result one = client().stdin("data").run("-c", "echo y", fake.target());
        assertEquals(new ClientRun.Result(255, "", refusal("rshell/1")), one);
    }

    @Test
    void aServerThatRefusesFeaturesIsRefusedTheSameWay() throws Exception {
        fake = FakeServer.start(f -> f.greeting = "hello rshell/1.1 fake auth=password");
        ClientRun.Result r = client().stdin("data\n").run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", refusal("rshell/1.1")), r);
        assertEquals(List.of(":features input partial bytes"), fake.received());
    }

    @Test
    void dashNSendsNoneSoTheCommandRunsAsAPlainLine() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "x\n", ""), client().stdin("data\n").run("-n", fake.target(), "echo", "x"));
        assertEquals(new ClientRun.Result(0, "y\n", ""),
                client().stdin("data\n").run("--no-stdin", "-c", "echo y", fake.target()));
        assertEquals(List.of("echo y", ":quit"), fake.received().subList(2, 4));
    }

    @Test
    void anEmptyStdinLosesNothingSoAVersion1ServerRunsTheCommand() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "x\n", ""), client().run(fake.target(), "echo", "x"));
        assertEquals(List.of("echo x", ":quit"), fake.received());
    }

    @Test
    void withSeveralCommandsStdinGoesNowhereUnlessAsked() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "1\n2\n", ""),
                client().stdin("data\n").run("-c", "echo 1", "-c", "echo 2", fake.target()));
        assertEquals(new ClientRun.Result(0, "1\n2\n", ""),
                client().stdin("data\n").run("-c", "echo 1\necho 2", fake.target()));
        ClientRun.Result asked = client().stdin("data\n").run("--stdin-to", "2", "-c", "echo 1", "-c", "echo 2",
                fake.target());
        assertEquals(new ClientRun.Result(255, "", refusal("rshell/1")), asked);
    }

    @Test
    void aTerminalOnStdinIsNotForwarded() throws Exception {
        fake = FakeServer.start();
        assertEquals(new ClientRun.Result(0, "x\n", ""),
                client().terminal().stdin("typed ahead\n").run(fake.target(), "echo", "x"));
    }

    @Test
    void badUsesOfTheOptionsAreUsageErrors() throws Exception {
        fake = FakeServer.start();
        String t = fake.target();
        assertEquals(new ClientRun.Result(2, "", "rshell: -n sends no standard input; it can't be combined with"
                + " --stdin-to (try rshell --help)\n"), client().run("-n", "--stdin-to", "1", t, "echo", "x"));
        assertEquals(new ClientRun.Result(2, "", "rshell: bad --stdin-to 2: the script has 1 command (try rshell"
                + " --help)\n"), client().run("--stdin-to", "2", t, "echo", "x"));
        assertEquals(new ClientRun.Result(2, "", "rshell: bad --stdin-to 0: must be a command's number, 1 or more"
                + " (try rshell --help)\n"), client().run("--stdin-to", "0", t, "echo", "x"));
        String scriptOnStdin = "rshell: --stdin-to: standard input holds the commands (no command given, or -f -),"
                + " so it can't be a command's input too (try rshell --help)\n";
        assertEquals(new ClientRun.Result(2, "", scriptOnStdin), client().stdin("echo a\n").run("--stdin-to", "1", t));
        assertEquals(new ClientRun.Result(2, "", scriptOnStdin),
                client().stdin("echo a\n").run("--stdin-to", "1", "-c", "echo b", "-f", "-", t));
        assertEquals(0, fake.connections.get(), "a usage error connects nowhere");
    }
}
