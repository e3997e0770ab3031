package dev.rshell.server.it;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code passwd} built-in of a real session follows the server's {@code password-min-length}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PasswordPolicyTest {

    @TempDir
    Path dir;

    @Test
    void passwdInASessionUsesTheConfiguredMinimumLength() throws Exception {
        try (TestServer server = TestServer.start(dir, Map.of("password-min-length", "12"));
             RawClient c = server.login(server.connect(), "alice", "operator")) {
            c.send("passwd '" + TestServer.PASSWORD + "' 'elevenchars'");
            c.expect("err 1 passwd: the new password must have at least 12 characters (password-min-length)");
            c.expect("end 1 1");
            c.send("passwd '" + TestServer.PASSWORD + "' 'twelve chars'");
            c.expect("out 2 password changed");
            c.expect("end 2 0");
        }
    }
}
