package dev.rshell.server.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Built-ins as a session runs them: {@code command} and {@code help} against the real exec
 * policy of each role, the hint of a shadowing built-in, and job numbers as README shows them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BuiltinsOverTheWireTest {

    @TempDir
    Path dir;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void commandBypassesTheBuiltinAndKeepsTheRoleCheck() throws Exception {
        try (RawClient c = server.login()) {
            c.send("date +%Y");
            List<String> builtin = c.until("end 1 2");
            assertTrue(builtin.get(0).startsWith("err 1 date: "), builtin.toString());
            c.send("command date +%Y");
            List<String> program = c.until("end 2 0");
            assertTrue(program.get(0).matches("out 2 \\d{4}"), program.toString());
        }
        try (RawClient c = server.login(server.connect(), "otto", "op")) {
            c.send("command id -u");
            List<String> id = c.until("end 1 0");
            assertTrue(id.get(0).matches("out 1 \\d+"), id.toString());
            c.send("command ls");
            assertEquals(List.of("err 2 rshell: ls: permission denied: role op may not run ls:"
                    + " it is not on the role's list of programs", "end 2 126"), c.until("end 2 126"));
        }
    }

    @Test
    void anUnsupportedFlagNamesTheWayToTheProgramForThisRole() throws Exception {
        try (RawClient c = server.login()) {
            c.send("ls --zz /");
            assertEquals(List.of("err 1 ls: unrecognized option '--zz'; the built-in ls has"
                    + " -l -a -A -h -t -r -S -d -1 -R; for the OS program run: command ls --zz /",
                    "end 1 2"), c.until("end 1 2"));
        }
        try (RawClient c = server.login(server.connect(), "otto", "op")) {
            c.send("ls --zz /");
            assertEquals(List.of("err 1 ls: unrecognized option '--zz'; the built-in ls has"
                    + " -l -a -A -h -t -r -S -d -1 -R; the OS program ls is not available:"
                    + " role op may not run ls: it is not on the role's list of programs",
                    "end 1 2"), c.until("end 1 2"));
        }
    }

    @Test
    void helpListsTheRolesProgramsAndExplainsOne() throws Exception {
        try (RawClient c = server.login(server.connect(), "otto", "op")) {
            c.send("help");
            List<String> lines = c.until("end 1 0");
            int section = lines.indexOf("out 1 OS programs role op may run:");
            assertTrue(section > 0, lines.toString());
            assertEquals("out 1 ", lines.get(section - 1));
            // The last line before the end says programs run without a terminal.
            assertTrue(lines.get(lines.size() - 2).startsWith("out 1 Programs run without a terminal"), lines.toString());
            List<String> programs = lines.subList(section + 1, lines.size() - 2);
            assertEquals(3, programs.size(), programs.toString());
            assertTrue(programs.get(0).matches("out 1 false  /\\S+/false"), programs.toString());
            assertTrue(programs.get(1).matches("out 1 id     /\\S+/id"), programs.toString());
            assertTrue(programs.get(2).matches("out 1 true   /\\S+/true"), programs.toString());
            c.send("help id");
            String help = c.until("end 2 0").get(0);
            assertTrue(help.matches("out 2 id: an OS program role op may run: /\\S+/id"), help);
            c.send("help df");
            assertEquals(List.of("err 3 help: no such command: df (role op may not run df:"
                    + " it is not on the role's list of programs)", "end 3 1"), c.until("end 3 1"));
        }
        try (RawClient c = server.login(server.connect(), "vera", "viewer")) {
            c.send("help");
            List<String> lines = c.until("end 1 0");
            assertEquals("out 1 OS programs: none (role viewer may not run OS commands)",
                    lines.get(lines.size() - 3));
        }
        try (RawClient c = server.login()) {
            c.send("help sh");
            String help = c.until("end 1 0").get(0);
            assertTrue(help.matches("out 1 sh: an OS program role operator may run: /\\S+/sh"), help);
        }
    }

    @Test
    void jobNumbersAreCommandNumbersAsReadmeShowsThem() throws Exception {
        try (RawClient c = server.login()) {
            c.send("cd /");
            c.until("end 1 0");
            c.send("sleep 30 &");
            c.expect("bg 2");
            c.send("jobs");
            List<String> jobs = c.until("end 3 0");
            assertEquals(2, jobs.size(), jobs.toString());
            assertTrue(jobs.get(0).matches("out 3 \\[2\\] running \\d+s  sleep 30 &"), jobs.toString());
            c.send("kill 2");
            List<String> killed = c.until("end 4 0");
            if (!killed.contains("end 2 130")) {
                c.expect("end 2 130");
            }
        }
    }
}
