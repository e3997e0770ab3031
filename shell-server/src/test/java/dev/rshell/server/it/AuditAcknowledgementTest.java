package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log's promise to clients: once a client has read a command's {@code end}, the
 * command is in the audit log, even though the server batches audit writes per burst.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AuditAcknowledgementTest {

    @TempDir
    Path dir;

    @Test
    void everyEndTheClientReadsIsAlreadyInTheAuditLog() throws Exception {
        // More commands than a session holds back before writing its audit batch itself, and
        // a mix of paths: instant built-ins run by the reader, commands queued behind a sleep
        // (run by the runner), and background jobs.
        int count = 700;
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            if (i % 100 == 0) {
                script.append("sleep 0.01\n");
            } else if (i % 100 == 50) {
                script.append("echo ").append(i).append(" &\n");
            } else {
                script.append("echo ").append(i).append('\n');
            }
        }
        try (TestServer server = TestServer.start(dir); RawClient c = server.login()) {
            Path log = server.dataDir.resolve("audit.log");
            c.sendRaw(script.toString().getBytes(StandardCharsets.UTF_8));
            int ends = 0;
            while (ends < count) {
                String line = c.line();
                assertTrue(line != null, "connection ended after " + ends + " end lines");
                if (!line.startsWith("end ")) {
                    continue;
                }
                ends++;
                String[] parts = line.split(" ");
                int n = Integer.parseInt(parts[1]);
                assertEquals("0", parts[2], line);
                if (n % 100 != 0) {
                    String record = "\"argv\":[\"echo\",\"" + n + "\"]";
                    assertTrue(Files.readString(log).contains(record),
                            "the client read '" + line + "' before " + record + " was in the audit log");
                }
            }
        }
    }
}
