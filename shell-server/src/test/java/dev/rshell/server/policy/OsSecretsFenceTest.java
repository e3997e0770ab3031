package dev.rshell.server.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rshell.config.ServerSettings;
import dev.rshell.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operating system's secrets are fenced from every role but admin, whatever its read paths. */
class OsSecretsFenceTest {

    @TempDir
    Path dir;

    private static final List<String> SECRETS = List.of("/etc/shadow", "/etc/shadow-", "/etc/gshadow",
            "/etc/gshadow-", "/root", "/root/.ssh/id_ed25519", "/etc/ssh/ssh_host_ed25519_key",
            "/etc/ssh/ssh_host_rsa_key.pub", "/etc/sudoers", "/etc/sudoers.d", "/etc/sudoers.d/90-cloud");

    private Policies policies() throws Exception {
        Path config = Files.writeString(dir.resolve("server.properties"),
                "role.etc.read = /etc,/root\nrole.etc.builtins = all\n");
        ServerSettings settings = new SettingsLoader(Map.of(), dir, Long.MAX_VALUE)
                .load(Optional.of(config), Map.of("data-dir", dir.resolve("data").toString()));
        return Policies.of(settings);
    }

    @Test
    void noRoleButAdminReadsTheSecrets() throws Exception {
        Policies policies = policies();
        for (String role : List.of("viewer", "operator", "etc")) {
            AccessPolicy p = policies.forUser(role, dir);
            for (String secret : SECRETS) {
                assertFalse(p.mayRead(Path.of(secret)), role + " may read " + secret);
            }
            assertTrue(p.mayRead(Path.of("/etc/passwd")), role);
            assertTrue(p.mayRead(Path.of("/etc/ssh/sshd_config")), role);
        }
        AccessPolicy admin = policies.forUser("admin", dir);
        for (String secret : SECRETS) {
            assertTrue(admin.mayRead(Path.of(secret)), secret);
        }
    }

    @Test
    void aNameThatOnlyBeginsLikeAFencedFileIsNotFenced() throws Exception {
        AccessPolicy viewer = policies().forUser("viewer", dir);
        assertTrue(viewer.mayRead(Path.of("/etc/shadowsocks.json")));
        assertTrue(viewer.mayRead(Path.of("/etc/sudoers.dist")));
        assertTrue(viewer.mayRead(Path.of("/rootfs/x")));
        assertTrue(viewer.mayRead(Path.of("/etc/ssh/ssh_config")));
    }

    @Test
    void aSymbolicLinkToASecretIsFencedLikeTheSecret() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("innocent"), Path.of("/etc/shadow"));
        Path keyLink = Files.createSymbolicLink(dir.resolve("keys"), Path.of("/etc/ssh"));
        AccessPolicy viewer = policies().forUser("viewer", dir);
        assertFalse(viewer.mayRead(link));
        assertFalse(viewer.mayRead(keyLink.resolve("ssh_host_ecdsa_key")));
        assertTrue(viewer.mayRead(keyLink.resolve("sshd_config")));
    }
}
