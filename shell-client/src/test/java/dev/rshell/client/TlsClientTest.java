package dev.rshell.client;

import static dev.rshell.client.ClientRun.client;
import static dev.rshell.client.ClientRun.tlsClient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.client.keygen.KeygenCommand;
import dev.rshell.common.tls.ClientAuth;
import dev.rshell.common.tls.Fingerprints;
import dev.rshell.common.tls.KeyStores;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.common.tls.ServerIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS client over real TLS sockets on 127.0.0.1: known_hosts first contact, accept-new,
 * changed certificates, pins, CA trust, transport mismatches both ways, client certificates.
 * HOME is a temporary directory in every run.
 */
class TlsClientTest {

    @TempDir
    Path home;

    private FakeServer fake;

    @AfterEach
    void stop() throws Exception {
        if (fake != null) {
            fake.close();
        }
        ClientRun.assertNoReaderThread();
    }

    private Path knownHosts() {
        return home.resolve(".rshell").resolve("known_hosts");
    }

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    @Timeout(20)
    void firstContactInBatchIsRefusedInOneLineAndNothingIsWritten() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun.Result r = tlsClient().home(home).run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: refused unknown server " + fake.target()
                + " (certificate " + id.fingerprint() + "): check the fingerprint, then use --accept-new"
                + " or --fingerprint " + id.fingerprint() + "\n"), r);
        assertFalse(Files.exists(home.resolve(".rshell")), "nothing may be written");
        assertEquals(List.of(), fake.logins);
        assertEquals(0, fake.handshakes.get());
    }

    @Test
    @Timeout(20)
    void acceptNewRemembersTheServerAndTheNextRunVerifiesSilently() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun.Result r = tlsClient().home(home).run("--accept-new", fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(0, "x\n", "rshell: remembered " + fake.target() + " ("
                + id.fingerprint() + ") in " + knownHosts() + " line 1\n"), r);
        assertEquals(fake.target() + " " + id.fingerprint() + "\n", Files.readString(knownHosts()));
        assertEquals("rw-------", perms(knownHosts()));
        assertEquals("rwx------", perms(knownHosts().getParent()));
        assertEquals(List.of("tester secret"), fake.logins);

        assertEquals(new ClientRun.Result(0, "y\n", ""), tlsClient().home(home).run(fake.target(), "echo", "y"));
        // --accept-new on a known server changes nothing either.
        assertEquals(new ClientRun.Result(0, "z\n", ""),
                tlsClient().home(home).run("--accept-new", fake.target(), "echo", "z"));
        assertEquals(fake.target() + " " + id.fingerprint() + "\n", Files.readString(knownHosts()));
    }

    @Test
    @Timeout(20)
    void aChangedCertificateIsRefusedEveryTimeNamingTheFileAndLine() throws Exception {
        ServerIdentity old = FakeServer.newIdentity();
        fake = FakeServer.startTls(old, f -> { });
        Files.createDirectories(knownHosts().getParent());
        Files.writeString(knownHosts(), "# my servers\n" + fake.target() + " " + old.fingerprint() + "\n");
        assertEquals(0, tlsClient().home(home).run(fake.target(), "echo", "x").status());

        ServerIdentity replaced = FakeServer.newIdentity();
        fake.identity = replaced;
        String before = Files.readString(knownHosts());
        for (String[] flags : List.of(new String[0], new String[] {"--accept-new"})) {
            List<String> args = new java.util.ArrayList<>(List.of(flags));
            args.addAll(List.of(fake.target(), "echo", "x"));
            ClientRun.Result r = tlsClient().home(home).terminal("yes").run(args.toArray(new String[0]));
            assertEquals(255, r.status(), r.err());
            assertEquals("", r.out());
            String where = "line 2 of " + knownHosts();
            assertTrue(r.err().contains("WARNING: RSHELL SERVER IDENTIFICATION HAS CHANGED!"), r.err());
            assertTrue(r.err().contains("Server:    " + fake.target() + "\n"), r.err());
            assertTrue(r.err().contains("Expected:  " + old.fingerprint() + " (" + where + ")\n"), r.err());
            assertTrue(r.err().contains("Presented: " + replaced.fingerprint() + "\n"), r.err());
            assertTrue(r.err().contains("remove " + where + "\n"), r.err());
            assertTrue(r.err().endsWith("\nrshell: refused " + fake.target() + ": its certificate changed ("
                    + where + ")\n"), r.err());
            assertEquals(before, Files.readString(knownHosts()));
        }
        assertEquals(List.of("tester secret"), fake.logins);
    }

    @Test
    @Timeout(20)
    void fingerprintPinsWithoutKnownHosts() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        assertEquals(new ClientRun.Result(0, "x\n", ""),
                tlsClient().home(home).run("--fingerprint", id.fingerprint(), fake.target(), "echo", "x"));
        // openssl's hex spelling is the same fingerprint
        assertEquals(0, tlsClient().home(home).run("--fingerprint",
                Fingerprints.sha256Hex(id.certificate()), fake.target(), "echo", "x").status());
        assertFalse(Files.exists(home.resolve(".rshell")), "--fingerprint writes no known_hosts");

        String other = FakeServer.newIdentity().fingerprint();
        ClientRun.Result wrong = tlsClient().home(home).run("--fingerprint", other, fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: server " + fake.target() + " presented certificate "
                + id.fingerprint() + ", not the " + other + " given with --fingerprint\n"), wrong);
    }

    @Test
    @Timeout(20)
    void aPinOverridesAChangedKnownHostsLine() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        Files.createDirectories(knownHosts().getParent());
        Files.writeString(knownHosts(), fake.target() + " " + FakeServer.newIdentity().fingerprint() + "\n");
        String before = Files.readString(knownHosts());
        assertEquals(0, tlsClient().home(home).run("--fingerprint", id.fingerprint(), fake.target(), "echo", "x")
                .status());
        assertEquals(before, Files.readString(knownHosts()));
    }

    @Test
    @Timeout(20)
    void interactiveFirstContactAnsweredYesRemembersAndRuns() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun run = tlsClient().home(home).terminal("yes");
        ClientRun.Result r = run.run(fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(0, "x\n", "rshell: remembered " + fake.target() + " ("
                + id.fingerprint() + ") in " + knownHosts() + " line 1\n"), r);
        assertEquals(List.of("The authenticity of rshell server " + fake.target() + " can't be established.\n"
                + "Its certificate fingerprint is " + id.fingerprint() + ".\n"
                + "Accept and remember this server? (yes/no) "), run.questions);
        assertEquals(fake.target() + " " + id.fingerprint() + "\n", Files.readString(knownHosts()));
        // refused during the first handshake, asked outside it, then connected again pinned
        assertEquals(2, fake.connections.get());
        assertEquals(1, fake.handshakes.get());

        ClientRun again = tlsClient().home(home).terminal("yes");
        assertEquals(new ClientRun.Result(0, "y\n", ""), again.run(fake.target(), "echo", "y"));
        assertEquals(List.of(), again.questions);
    }

    @Test
    @Timeout(20)
    void interactiveFirstContactAnsweredNoIsRefused() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        for (String answer : List.of("no", "n", " NO ", "SHA256:" + "A".repeat(43))) {
            ClientRun run = tlsClient().home(home).terminal(answer);
            assertEquals(new ClientRun.Result(255, "", "rshell: server " + fake.target()
                    + " not trusted: its certificate was not accepted\n"), run.run(fake.target(), "echo", "x"));
            assertEquals(1, run.questions.size(), answer);
        }
        assertFalse(Files.exists(knownHosts()));
        assertEquals(List.of(), fake.logins);
    }

    @Test
    @Timeout(20)
    void interactiveFirstContactAnsweredYAcceptsAndAnUnclearAnswerIsAskedAgain() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun unclear = tlsClient().home(home).terminal("", "maybe");
        assertEquals(new ClientRun.Result(255, "", "rshell: server " + fake.target()
                + " not trusted: its certificate was not accepted\n"), unclear.run(fake.target(), "echo", "x"));
        assertEquals(3, unclear.questions.size(), "asked until the input ended: " + unclear.questions);
        assertEquals("Please type 'yes', 'no' or the fingerprint: ", unclear.questions.get(1));
        assertFalse(Files.exists(knownHosts()));

        ClientRun y = tlsClient().home(home).terminal("what?", "y");
        assertEquals(0, y.run(fake.target(), "echo", "x").status());
        assertEquals(2, y.questions.size());
        assertEquals(fake.target() + " " + id.fingerprint() + "\n", Files.readString(knownHosts()));
    }

    @Test
    @Timeout(20)
    void pastingTheFingerprintAlsoAccepts() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        assertEquals(0, tlsClient().home(home).terminal(" " + id.fingerprint() + " ")
                .run(fake.target(), "echo", "x").status());
        assertTrue(Files.readString(knownHosts()).contains(id.fingerprint()));
    }

    @Test
    @Timeout(20)
    void aTerminalThatCannotBeOpenedIsBatchMode() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun.Result r = tlsClient().home(home).terminal(null).run(fake.target(), "echo", "x");
        assertEquals(255, r.status());
        assertTrue(r.err().startsWith("rshell: refused unknown server " + fake.target()), r.err());
    }

    @Test
    @Timeout(20)
    void truststoreTrustsACertificateIssuedForTheHost() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        Path pem = Files.writeString(home.resolve("ca.pem"), KeygenCommand.pem(id.certificate()));
        assertEquals(new ClientRun.Result(0, "x\n", ""),
                tlsClient().home(home).run("--truststore", pem.toString(), fake.target(), "echo", "x"));
        assertFalse(Files.exists(home.resolve(".rshell")), "--truststore writes no known_hosts");
    }

    @Test
    @Timeout(20)
    void truststoreChecksTheHostName() throws Exception {
        // Signed by a trusted key (itself), but issued for another name.
        ServerIdentity id = ServerIdentity.of(SelfSignedCertificate.forServer("rshell.test", List.of()));
        fake = FakeServer.startTls(id, f -> { });
        Path pem = Files.writeString(home.resolve("ca.pem"), KeygenCommand.pem(id.certificate()));
        ClientRun.Result r = tlsClient().home(home).run("--truststore", pem.toString(), fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: server " + fake.target()
                + " not trusted: its certificate was not issued for 127.0.0.1 (host name check)\n"), r);
    }

    @Test
    @Timeout(20)
    void truststoreRefusesACertificateNoTrustedCaSigned() throws Exception {
        fake = FakeServer.startTls(FakeServer.newIdentity(), f -> { });
        Path pem = Files.writeString(home.resolve("ca.pem"),
                KeygenCommand.pem(FakeServer.newIdentity().certificate()));
        ClientRun.Result r = tlsClient().home(home).run("--truststore", pem.toString(), fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: server " + fake.target()
                + " not trusted: its certificate is not signed by a CA in --truststore " + pem + "\n"), r);
    }

    @Test
    @Timeout(20)
    void anUnreadableTruststoreIs255InOneLine() throws Exception {
        Path missing = home.resolve("nope.pem");
        ClientRun.Result r = tlsClient().home(home).run("--truststore", missing.toString(), "127.0.0.1:1", "echo");
        assertEquals(new ClientRun.Result(255, "", "rshell: " + missing
                + ": cannot read: no such file or directory\n"), r);
    }

    @Test
    @Timeout(20)
    void aTlsClientOnAPlainServerSaysSoQuickly() throws Exception {
        fake = FakeServer.start();
        long start = System.nanoTime();
        ClientRun.Result r = tlsClient().home(home).run(fake.target(), "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(255, "", "rshell: " + fake.target()
                + " speaks plain TCP, not TLS: use --no-tls\n"), r);
        assertTrue(millis < 3000, "took " + millis + " ms");
        assertFalse(Files.exists(home.resolve(".rshell")));
    }

    @Test
    @Timeout(20)
    void aTlsClientOnASilentServerGivesUpAtTheTimeout() throws Exception {
        fake = FakeServer.start(f -> f.greeting = null);
        long start = System.nanoTime();
        ClientRun.Result r = tlsClient().home(home).run("--connect-timeout", "1", fake.target(), "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(255, "", "rshell: no TLS handshake with " + fake.target()
                + " within 1s (--connect-timeout)\n"), r);
        assertTrue(millis >= 900 && millis < 4000, "took " + millis + " ms");
    }

    @Test
    @Timeout(20)
    void aPlainClientOnATlsServerSaysSoQuickly() throws Exception {
        fake = FakeServer.startTls(FakeServer.newIdentity(), f -> { });
        long start = System.nanoTime();
        ClientRun.Result r = client().home(home).run(fake.target(), "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(255, "", "rshell: " + fake.target()
                + " refused the connection: this server speaks TLS; connect without --no-tls\n"), r);
        assertTrue(millis < 5000, "took " + millis + " ms");
        assertEquals(List.of(), fake.logins);
    }

    @Test
    @Timeout(20)
    void aPlainClientThatReceivesATlsRecordSaysSo() throws Exception {
        // A TLS alert record (fatal, protocol_version), as a TLS server might send.
        fake = FakeServer.start(f -> f.rawGreeting = new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46});
        long start = System.nanoTime();
        ClientRun.Result r = client().home(home).run(fake.target(), "echo", "x");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(new ClientRun.Result(255, "", "rshell: " + fake.target() + " speaks TLS: drop --no-tls\n"), r);
        assertTrue(millis < 5000, "took " + millis + " ms");
    }

    private Path keygen(String name) {
        Path p12 = home.resolve(name + ".p12");
        ClientRun.Result made = tlsClient().home(home).run("keygen", "--out", p12.toString(), "--name", name);
        assertEquals(0, made.status(), made.err());
        return p12;
    }

    @Test
    @Timeout(30)
    void aMappedClientCertificateLogsInWithoutLoginOrPassword() throws Exception {
        Path p12 = keygen("alice");
        String clientFp = KeyStores.readKey(p12, new char[0]).fingerprint();
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> f.certUsers.put(clientFp, "alice"));
        ClientRun run = tlsClient().home(home).env("RSHELL_PASSWORD", null).prompt("never asked");
        ClientRun.Result r = run.run("--fingerprint", id.fingerprint(), "--identity", p12.toString(),
                fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(0, "x\n", ""), r);
        assertEquals(List.of(clientFp), fake.clientFingerprints);
        assertEquals(List.of(), fake.logins);
        assertTrue(fake.received().stream().noneMatch(l -> l.startsWith(":login")), fake.received().toString());
        assertEquals(List.of(), run.prompts);

        // The same user named explicitly is fine; another one is a failure.
        assertEquals(0, tlsClient().home(home).run("--fingerprint", id.fingerprint(), "--identity", p12.toString(),
                "alice@" + fake.target(), "echo", "x").status());
        ClientRun.Result bob = tlsClient().home(home).run("--fingerprint", id.fingerprint(),
                "--identity", p12.toString(), "-u", "bob", fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: the certificate logs in as alice, not bob"
                + " (drop bob@ or -u, or use another --identity)\n"), bob);
        assertEquals(List.of(), fake.logins);
    }

    @Test
    @Timeout(30)
    void anUnmappedClientCertificateFallsBackToThePassword() throws Exception {
        Path p12 = keygen("carol");
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        ClientRun.Result r = tlsClient().home(home).run("--fingerprint", id.fingerprint(),
                "--identity", p12.toString(), fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(0, "x\n", ""), r);
        assertEquals(List.of(KeyStores.readKey(p12, new char[0]).fingerprint()), fake.clientFingerprints);
        assertEquals(List.of("tester secret"), fake.logins);
    }

    @Test
    @Timeout(30)
    void identityPasswordFromFileOrEnvironment() throws Exception {
        Path pw = Files.writeString(home.resolve("pw"), "s3cret\n");
        Path p12 = home.resolve("dave.p12");
        assertEquals(0, tlsClient().home(home).run("keygen", "--out", p12.toString(),
                "--password-file", pw.toString()).status());
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        assertEquals(0, tlsClient().home(home).run("--fingerprint", id.fingerprint(), "--identity", p12.toString(),
                "--identity-password-file", pw.toString(), fake.target(), "echo", "x").status());
        assertEquals(0, tlsClient().home(home).env("RSHELL_IDENTITY_PASSWORD", "s3cret").run("--fingerprint",
                id.fingerprint(), "--identity", p12.toString(), fake.target(), "echo", "x").status());
        ClientRun.Result wrong = tlsClient().home(home).run("--fingerprint", id.fingerprint(),
                "--identity", p12.toString(), fake.target(), "echo", "x");
        assertEquals(new ClientRun.Result(255, "", "rshell: --identity " + p12
                + ": wrong password (or the file is damaged)\n"), wrong);
        assertEquals(2, fake.connections.get(), "a bad identity fails before connecting");
    }

    @Test
    @Timeout(30)
    void anIdentityOthersCanReadIsRefused() throws Exception {
        Path p12 = keygen("erin");
        Files.setPosixFilePermissions(p12, PosixFilePermissions.fromString("rw-r--r--"));
        ClientRun.Result r = tlsClient().home(home).run("--identity", p12.toString(), "127.0.0.1:1", "echo");
        assertEquals(255, r.status());
        assertEquals("rshell: --identity " + p12 + ": permissions rw-r--r-- let other users reach the private key;"
                + " run chmod 600 " + p12 + "\n", r.err());
    }

    @Test
    @Timeout(20)
    void aServerThatRequiresACertificateSaysSo() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> f.clientAuth = ClientAuth.REQUIRED);
        ClientRun.Result r = tlsClient().home(home).run("--fingerprint", id.fingerprint(), fake.target(), "echo", "x");
        assertEquals(255, r.status());
        assertTrue(r.err().startsWith("rshell: connection to " + fake.target() + " lost before hello: "
                + "the server refused the client certificate, or requires one (TLS alert "), r.err());
        assertTrue(r.err().contains("; see --identity)"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    @Timeout(10)
    void tlsOptionsAndNoTlsDoNotMix() {
        ClientRun.Result r = tlsClient().home(home).run("--no-tls", "--fingerprint", "SHA256:x", "lab-01");
        assertEquals(new ClientRun.Result(2, "", "rshell: --fingerprint needs TLS; it can't be combined with "
                + "--no-tls (try rshell --help)\n"), r);
        r = tlsClient().home(home).run("--fingerprint", "SHA256:nope", "lab-01");
        assertEquals(new ClientRun.Result(2, "", "rshell: bad --fingerprint \"SHA256:nope\": must be SHA256: and 43"
                + " base64 characters, as rshell-server fingerprint prints it (try rshell --help)\n"), r);
        r = tlsClient().home(home).run("--accept-new", "--truststore", "x.pem", "lab-01");
        assertEquals(new ClientRun.Result(2, "", "rshell: --accept-new is for known_hosts; it can't be combined"
                + " with --truststore (try rshell --help)\n"), r);
        r = tlsClient().home(home).run("--identity-password-file", "pw", "lab-01");
        assertEquals(new ClientRun.Result(2, "", "rshell: --identity-password-file needs --identity"
                + " (try rshell --help)\n"), r);
    }

    @Test
    @Timeout(30)
    void aLongPipelinedSessionAndADroppedOneOverTls() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> { });
        StringBuilder script = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            script.append("echo line ").append(i).append('\n');
            expected.append("line ").append(i).append('\n');
        }
        script.append("job 3 &\n");
        ClientRun.Result r = tlsClient().home(home).stdin(script.toString())
                .run("--fingerprint", id.fingerprint(), fake.target());
        assertEquals(new ClientRun.Result(0, expected + "job done\n", ""), r);

        long start = System.nanoTime();
        ClientRun.Result dropped = tlsClient().home(home).stdin("echo a\ndrop\necho b\n")
                .run("-e", "--fingerprint", id.fingerprint(), fake.target());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(255, dropped.status());
        assertEquals("a\n", dropped.out());
        assertEquals(1, dropped.err().lines().count(), dropped.err());
        assertTrue(millis < 5000, "took " + millis + " ms");
    }

    @Test
    @Timeout(20)
    void tls12OnlyWithTheOption() throws Exception {
        ServerIdentity id = FakeServer.newIdentity();
        fake = FakeServer.startTls(id, f -> f.tlsProtocols = List.of("TLSv1.2"));
        ClientRun.Result r = tlsClient().home(home).run("--fingerprint", id.fingerprint(), fake.target(), "echo", "x");
        assertEquals(255, r.status());
        assertTrue(r.err().startsWith("rshell: TLS handshake with " + fake.target() + " failed: "), r.err());
        assertTrue(r.err().endsWith("add --tls12)\n"), r.err());
        assertEquals(new ClientRun.Result(0, "x\n", ""), tlsClient().home(home)
                .run("--tls12", "--fingerprint", id.fingerprint(), fake.target(), "echo", "x"));
    }
}
