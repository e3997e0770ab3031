package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real session, a viewer and an operator can't read the operating system's secrets with
 * the built-ins, even on a server run as root (as CI runs it), where the OS itself would allow it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OsSecretsTest {

    @TempDir
    Path dir;

    @Test
    void catLsAndGlobsStayOutOfTheSecrets() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            for (String[] user : List.of(new String[] {"vera", "viewer"}, new String[] {"otto", "op"})) {
                try (RawClient c = server.login(server.connect(), user[0], user[1])) {
                    c.send("cat /etc/shadow");
                    List<String> cat = c.until("end 1 1");
                    assertTrue(cat.contains("err 1 cat: /etc/shadow: Permission denied (outside what role " + user[1]
                            + " may read)"), cat.toString());
                    c.send("ls /root");
                    List<String> ls = c.until("end 2 1");
                    assertTrue(ls.contains("err 2 ls: /root: Permission denied (outside what role " + user[1]
                            + " may read)"), ls.toString());
                    c.send("echo /etc/sudoers.d/*");
                    c.expect("out 3 /etc/sudoers.d/*");
                    c.expect("end 3 0");
                    c.send("head -n 1 /etc/passwd");
                    List<String> passwd = c.until("end 4 0");
                    assertTrue(passwd.stream().anyMatch(l -> l.startsWith("out 4 ")), passwd.toString());
                }
            }
        }
    }
}
