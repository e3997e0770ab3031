package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.common.tls.KeyMaterial;
import dev.rshell.common.tls.SelfSignedCertificate;
import dev.rshell.config.user.UserAccount;
import dev.rshell.config.user.UserStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The security defaults over real TLS sockets: mismatches, roles, brute force, certificates, audit. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SecurityTest {

    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private TestServer tls(Map<String, String> flags) throws IOException {
        java.util.Map<String, String> all = new java.util.HashMap<>(flags);
        all.put("tls", "on");
        server = TestServer.start(dir, all);
        return server;
    }

    @Test
    void aPlainClientOnATlsPortIsToldWithinSeconds() throws Exception {
        tls(Map.of());
        long start = System.nanoTime();
        try (RawClient plain = server.connect()) {
            assertEquals(List.of("bye this server speaks TLS; connect with TLS (rshell without --no-tls)"),
                    plain.rest());
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aTlsClientOnAPlainPortFailsAtOnce() throws Exception {
        server = TestServer.start(dir);
        String anyPin = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
        assertThrows(SSLException.class, () -> RawClient.tls(server.address, anyPin, Optional.empty()).close());
    }

    @Test
    void overTlsTheProtocolIsTheSame() throws Exception {
        tls(Map.of());
        try (RawClient c = server.login(server.connectTls(Optional.empty()), "alice", "operator")) {
            c.send("echo over tls");
            c.expect("out 1 over tls");
            c.expect("end 1 0");
        }
    }

    @Test
    void aViewerMayNotRunOsCommandsAndDoesNotSeeThem() throws Exception {
        server = TestServer.start(dir);
        try (RawClient c = server.login(server.connect(), "vera", "viewer")) {
            c.send("true");
            c.expect("err 1 rshell: true: permission denied: role viewer may not run OS commands");
            c.expect("end 1 126");
            c.send(":complete tru");
            c.expect("ok");
            c.send(":complete ec");
            c.expect("ok echo");
        }
        try (RawClient c = server.login(server.connect(), "otto", "op")) {
            c.send("id -u");
            c.expectPrefix("out 1 ");
            c.expect("end 1 0");
            c.send("sh -c true");
            c.expect("err 2 rshell: sh: permission denied: role op may not run sh: it is not on the role's list of"
                    + " programs");
            c.expect("end 2 126");
            // An exported PATH can't make an allowed name run another program.
            Path fake = Files.createDirectories(dir.resolve("fakebin"));
            Path trap = Files.writeString(fake.resolve("id"), "#!/bin/sh\necho trapped\n");
            trap.toFile().setExecutable(true);
            c.send("export PATH=" + fake);
            c.expect("end 3 0");
            c.send("id -u");
            List<String> lines = c.until("end 4 0");
            assertFalse(lines.toString().contains("trapped"), lines.toString());
            c.send(":complete i");
            c.expect("ok id");
        }
    }

    @Test
    void nonAdminsCantReadTheServersFiles() throws Exception {
        server = TestServer.start(dir);
        try (RawClient c = server.login(server.connect(), "vera", "viewer")) {
            c.send("cat " + server.dataDir.resolve("users"));
            String err = c.expectPrefix("err 1 cat: ");
            assertTrue(err.contains("Permission denied"), err);
            c.expect("end 1 1");
            c.send("ls " + server.dataDir);
            c.expectPrefix("err 2 ls: ");
            c.expect("end 2 1");
        }
        try (RawClient c = server.login(server.connect(), "root", "admin")) {
            c.send("head -n 1 " + server.dataDir.resolve("users"));
            c.expectPrefix("out 1 ");
        }
    }

    @Test
    void repeatedFailuresFromOneAddressBlockItButNotOthers() throws Exception {
        server = TestServer.start(dir, Map.of("auth-block-after", "10", "auth-block-time", "1m"));
        int failures = 0;
        List<String> farewells = new ArrayList<>();
        while (failures < 10) {
            try (RawClient c = server.connectFrom("127.0.0.2")) {
                c.expectPrefix("hello ");
                for (int i = 0; i < 3 && failures < 10; i++) {
                    c.send(":login alice wrong" + failures);
                    failures++;
                    String reply = c.line();
                    if (reply.startsWith("bye")) {
                        farewells.add(reply);
                        break;
                    }
                    assertEquals("no login failed", reply);
                }
            }
        }
        assertTrue(farewells.get(farewells.size() - 1).startsWith("bye blocked: too many failed logins"),
                farewells.toString());
        try (RawClient blocked = server.connectFrom("127.0.0.2")) {
            List<String> lines = blocked.rest();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).matches("bye blocked: .* try again in \\d+ s"), lines.get(0));
        }
        try (RawClient other = server.login(server.connectFrom("127.0.0.3"), "alice", "operator")) {
            other.send("whoami");
            other.expect("out 1 alice");
        }
    }

    @Test
    void silentConnectionsCantKeepARealUserOut() throws Exception {
        server = TestServer.start(dir, Map.of("login-grace", "20s"));
        List<RawClient> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                silent.add(server.connectFrom("127.0.0.2"));
            }
            try (RawClient user = server.login(server.connectFrom("127.0.0.3"), "alice", "operator")) {
                user.send("echo in");
                user.expect("out 1 in");
            }
            assertTrue(server.server.sessions().startups() <= 10, "per-address cap holds");
        } finally {
            for (RawClient c : silent) {
                c.close();
            }
        }
    }

    @Test
    void aMappedClientCertificateLogsTheSessionIn() throws Exception {
        tls(Map.of());
        KeyMaterial alice = SelfSignedCertificate.forClient("alice-laptop");
        UserStore users = UserStore.forSettings(server.settings);
        UserAccount a = users.find("alice").orElseThrow();
        users.update(new UserAccount(a.name(), a.role(), a.home(), a.passwordHash(), List.of(alice.fingerprint())));
        try (RawClient c = server.connectTls(Optional.of(alice))) {
            assertTrue(c.line().endsWith(" user=alice"));
            c.expect("cwd " + server.home);
            c.send("whoami");
            c.expect("out 1 alice");
        }
        KeyMaterial stranger = SelfSignedCertificate.forClient("stranger");
        try (RawClient c = server.connectTls(Optional.of(stranger))) {
            assertFalse(c.line().contains("user="), "an unmapped certificate logs nobody in");
        }
    }

    @Test
    void passwdChangesTheOwnPasswordAndTheAuditLogHasEveryEventButNoPassword() throws Exception {
        server = TestServer.start(dir);
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello");
            c.send(":login alice not-the-password");
            c.expect("no login failed");
        }
        try (RawClient c = server.login(server.connect(), "alice", "operator")) {
            c.send("passwd '" + TestServer.PASSWORD + "' 'new secret words'");
            c.expect("out 1 password changed");
            c.expect("end 1 0");
            c.send("echo hi");
            c.expect("out 2 hi");
        }
        try (RawClient c = server.connect()) {
            c.expectPrefix("hello");
            c.send(":login alice new secret words");
            c.expect("ok logged in as alice (operator)");
        }
        try (RawClient c = server.login(server.connect(), "vera", "viewer")) {
            c.send("true");
            c.expect("err 1 rshell: true: permission denied: role viewer may not run OS commands");
            c.send(":quit");
            c.rest();
        }
        server.close();
        String log = Files.readString(server.dataDir.resolve("audit.log"));
        server = null;
        for (String event : List.of("\"event\":\"connect\"", "\"event\":\"login\"", "\"ok\":false",
                "\"event\":\"command\"", "\"event\":\"denied\"", "\"event\":\"disconnect\"", "\"argv\":[\"passwd\"]",
                "\"argv\":[\"echo\",\"hi\"]")) {
            assertTrue(log.contains(event), event + " missing from the audit log:\n" + log);
        }
        for (String secret : List.of(TestServer.PASSWORD, "new secret words", "not-the-password")) {
            assertFalse(log.contains(secret), "a password reached the audit log");
        }
    }

    @Test
    void aBusyTlsServerSaysSoOverTls() throws Exception {
        tls(Map.of("max-sessions", "1"));
        try (RawClient first = server.login(server.connectTls(Optional.empty()), "alice", "operator");
             RawClient second = server.connectTls(Optional.empty())) {
            assertEquals(List.of("bye busy"), second.rest());
        }
    }
}
