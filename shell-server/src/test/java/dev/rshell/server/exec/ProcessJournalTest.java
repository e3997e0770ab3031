package dev.rshell.server.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Which recorded groups a start ends, and which it must leave alone. Real processes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessJournalTest {

    private static final Duration GRACE = Duration.ofMillis(300);

    @TempDir
    Path dataDir;

    private final List<Process> started = new ArrayList<>();
    private final List<Long> seenPids = new ArrayList<>();
    private final ProcessTracker tracker = new ProcessTracker();
    private String bootId;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(OsCommandRunner.usesProcessGroups(), "Linux with setsid and /proc");
        bootId = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        tracker.killAll(Duration.ofMillis(100));
        started.forEach(Process::destroyForcibly);
        Procs.kill(seenPids);
        assertTrue(Procs.awaitGone(seenPids, Duration.ofSeconds(5)));
    }

    @Test
    void aGroupLeftBehindIsEndedAndItsRecordRemoved() throws Exception {
        ProcessJournal journal = ProcessJournal.open(dataDir);
        OsCommandRunner runner = TestPrograms.runner(GRACE, journal);
        FakeContext context = new FakeContext(dataDir);
        assertEquals(0, TestPrograms.run(runner, context, List.of("sh", "-c", "sleep 300 & echo $$ $!"), tracker));
        String[] pids = context.out().get(0).split(" ");
        long leader = Long.parseLong(pids[0]);
        long leftover = Long.parseLong(pids[1]);
        seenPids.add(leftover);
        assertEquals(1, journal.size(), "the group is recorded while it may live");

        ProcessJournal.Ended ended = ProcessJournal.open(dataDir).endOrphans(GRACE);
        assertEquals(List.of(leader), ended.groups());
        assertEquals(1, ended.processes());
        assertTrue(Procs.awaitGone(List.of(leftover), Duration.ofSeconds(5)));
        assertEquals(0, journal.size());
    }

    @Test
    void aGroupThatEndedLosesItsRecordWhenTheTrackerDropsIt() throws Exception {
        ProcessJournal journal = ProcessJournal.open(dataDir);
        OsCommandRunner runner = TestPrograms.runner(GRACE, journal);
        assertEquals(0, TestPrograms.run(runner, new FakeContext(dataDir), List.of("true"), tracker));
        assertTrue(tracker.killAll(GRACE));
        assertEquals(0, journal.size());
    }

    @Test
    void aPidNowHeldByAnotherProcessIsNotSignalled() throws Exception {
        long pid = groupLeader();
        long start = ProcTable.read(pid).orElseThrow().startTicks();
        write(pid, start - 1, bootId, Integer.MAX_VALUE, 0);
        ProcessJournal.Ended ended = ProcessJournal.open(dataDir).endOrphans(GRACE);
        assertEquals(List.of(), ended.groups());
        assertFalse(Procs.gone(pid));
        assertEquals(0, ProcessJournal.open(dataDir).size(), "the stale record is dropped");
    }

    @Test
    void aRecordFromAnotherBootIsDroppedWithoutSignalling() throws Exception {
        long pid = groupLeader();
        long start = ProcTable.read(pid).orElseThrow().startTicks();
        write(pid, start, "00000000-0000-0000-0000-000000000000", Integer.MAX_VALUE, 0);
        assertEquals(List.of(), ProcessJournal.open(dataDir).endOrphans(GRACE).groups());
        assertFalse(Procs.gone(pid));
        assertEquals(0, ProcessJournal.open(dataDir).size());
    }

    @Test
    void aGroupOfAServerThatStillRunsIsLeftAlone() throws Exception {
        long pid = groupLeader();
        long start = ProcTable.read(pid).orElseThrow().startTicks();
        long otherServer = groupLeader(); // stands for a second server on the same data directory
        write(pid, start, bootId, otherServer, ProcTable.read(otherServer).orElseThrow().startTicks());
        assertEquals(List.of(), ProcessJournal.open(dataDir).endOrphans(GRACE).groups());
        assertFalse(Procs.gone(pid));
        assertEquals(1, ProcessJournal.open(dataDir).size(), "its record stays for its own server");
    }

    /** A {@code sleep} leading a process group of its own, not tracked by anything under test. */
    private long groupLeader() throws Exception {
        Process p = new ProcessBuilder("setsid", "sleep", "300").start();
        started.add(p);
        seenPids.add(p.pid());
        return p.pid();
    }

    private void write(long pgid, long start, String boot, long server, long serverStart) throws Exception {
        Path records = Files.createDirectories(dataDir.resolve(ProcessJournal.DIRECTORY));
        Files.writeString(records.resolve(pgid + "-" + start), "rshell-process-group 1 pgid=" + pgid + " start="
                + start + " boot=" + boot + " server=" + server + " server-start=" + serverStart + "\n");
    }
}
