package dev.rshell.server.thread;

import dev.rshell.common.thread.VirtualThreads;
import dev.rshell.config.ThreadKind;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every thread the server starts comes from here: its executors and its two lone threads.
 *
 * <h2>The threading model</h2>
 * <table>
 *   <caption>Threads of a running server</caption>
 *   <tr><th>threads</th><th>kind</th><th>bound</th><th>run</th><th>may block on</th></tr>
 *   <tr><td>acceptor</td><td>platform, one</td><td>1</td><td>{@code accept()} and the
 *       admission check</td><td>{@code accept()} only</td></tr>
 *   <tr><td>{@link #startups()}</td><td>{@code threads}</td><td>{@code max-startups} + 16</td>
 *       <td>a connection until it has logged in: TLS handshake, {@code hello}, login; and the
       teardown of one dropped to make room for a newcomer (the slack)</td>
 *       <td>socket reads (under {@code login-grace}), password checks</td></tr>
 *   <tr><td>{@link #sessions()}</td><td>{@code threads}</td><td>{@code max-sessions} + 16</td>
 *       <td>one reader per logged-in session: control lines, queueing commands</td>
 *       <td>socket reads (for hours, when idle), a full command queue</td></tr>
 *   <tr><td>{@link #runners()}</td><td>{@code threads}</td><td>{@code max-sessions} + 16</td>
 *       <td>a session's foreground commands, at most one runner per session</td>
 *       <td>the command itself: an OS program, {@code sleep}, a full outbox</td></tr>
 *   <tr><td>{@link #jobs()}</td><td>{@code threads}</td><td>{@code max-sessions} + 16 +
 *       min({@code max-sessions}, 256) × {@code max-jobs}</td><td>background ({@code &})
 *       commands; closing sessions at shutdown and on idle timeout</td><td>the command;
 *       a session's teardown (bounded by {@code kill-grace} and {@code drain-timeout})</td></tr>
 *   <tr><td>{@link #stdinWriters()}</td><td>{@code threads}</td><td>as {@link #jobs()}</td>
 *       <td>writing a command's standard input into its process's pipe, only while there is
 *       input to write (an idle command holds none)</td><td>a full pipe, until the program
 *       reads or its process group is ended</td></tr>
 *   <tr><td>{@link #refusals()}</td><td>platform</td><td>4, and 32 waiting</td><td>TLS
 *       handshakes that only say {@code bye busy}</td><td>the handshake, under
 *       {@code tls-handshake-timeout}</td></tr>
 *   <tr><td>{@link #timers()}</td><td>platform, one</td><td>1</td><td>write watchdog, idle
 *       watchdog, command time limits, the {@code shutdown} built-in's delay</td>
 *       <td>nothing: blocking work is handed to {@link #jobs()}</td></tr>
 *   <tr><td>shutdown</td><td>platform, one, daemon</td><td>1</td><td>a shutdown asked for by
 *       the {@code shutdown} built-in</td><td>the shutdown</td></tr>
 * </table>
 * Pools have no queue (a {@link SynchronousQueue}) and a maximum size, so work beyond the bound
 * is refused ({@link java.util.concurrent.RejectedExecutionException}) and answered by the
 * caller, never queued without limit.
 *
 * <h2>Platform or virtual</h2>
 * With {@link ThreadKind#PLATFORM} each session, runner and job is an OS thread; an idle pool
 * thread lives on for 30 s to serve the next session. With {@link ThreadKind#VIRTUAL} (Java 21+,
 * found through {@link VirtualThreads}) they are virtual threads, a new one per task: the same
 * bounded pools, so limits and refusals behave the same, but an idle session holds no OS
 * thread. The timer, the acceptor and the refusal pool stay platform threads in both: the write
 * watchdog is what cuts a client that stopped reading, and it must run even if every carrier
 * thread were held by virtual threads that can't unmount.
 *
 * <p>Pinning (a virtual thread that blocks while it can't unmount holds its carrier): on Java
 * 21 to 23 that is blocking inside {@code synchronized} or in a native frame. The blocking paths
 * of sessions use {@code java.util.concurrent} locks (outbox, command queue, audit log), and
 * JSSE and {@code Process.waitFor} use them too from Java 21 on; the {@code synchronized}
 * sections left (session registry, process tracker, a running command's state, the users file's
 * reload) do not block, except for the users file being read inside one. From Java 24 on,
 * {@code synchronized} no longer pins.
 *
 * <h2>Shutdown</h2>
 * {@link #shutdown(long)} shuts every executor down and waits for them until a deadline, then
 * interrupts what is left ({@code shutdownNow}). The server closes its sessions first, so by
 * then the pools are normally idle. The acceptor ends when the server socket is closed.
 *
 * <p>Thread safety: the executors are thread-safe; {@link #shutdown(long)} is called once, by
 * the server's owner.
 */
public final class ServerThreads {

    /** Threads beyond the session bound, for sessions still tearing down when new ones arrive. */
    private static final int SLACK = 16;
    private static final long PLATFORM_KEEP_ALIVE_SECONDS = 30;

    private final ThreadKind kind;
    private final ThreadPoolExecutor startups;
    private final ThreadPoolExecutor sessions;
    private final ThreadPoolExecutor runners;
    private final ThreadPoolExecutor jobs;
    private final ThreadPoolExecutor stdinWriters;
    private final ThreadPoolExecutor refusals;
    private final ScheduledThreadPoolExecutor timers;

    private ServerThreads(ThreadKind kind, int maxSessions, int maxStartups, int maxJobs) {
        this.kind = kind;
        // Startup threads run the deep code (handshake, login) and are reused; readers stay
        // shallow. Separate pools keep a reader from inheriting a startup thread's touched stack.
        this.startups = pool("rshell-startup", maxStartups + SLACK);
        this.sessions = pool("rshell-session", maxSessions + SLACK);
        this.runners = pool("rshell-runner", maxSessions + SLACK);
        this.jobs = pool("rshell-job", maxSessions + SLACK + Math.min(maxSessions, 256) * maxJobs);
        // One writer per command that has input to write: as many as commands can run.
        this.stdinWriters = pool("rshell-stdin", maxSessions + SLACK + Math.min(maxSessions, 256) * maxJobs);
        // Core = max with core time-out: up to 4 handshakes at once, as soon as they are asked for.
        this.refusals = new ThreadPoolExecutor(4, 4, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                platform("rshell-refuse", true));
        this.refusals.allowCoreThreadTimeOut(true);
        this.timers = new ScheduledThreadPoolExecutor(1, platform("rshell-timer", true));
        this.timers.setRemoveOnCancelPolicy(true);
    }

    /**
     * Makes the pools; no thread starts until work arrives.
     *
     * @param kind        what runs sessions, commands and jobs
     * @param maxSessions the {@code max-sessions} setting
     * @param maxStartups the {@code max-startups} setting
     * @param maxJobs     the {@code max-jobs} setting
     * @throws IllegalStateException for {@link ThreadKind#VIRTUAL} on a Java without virtual
     *                               threads (the settings loader refuses that before)
     */
    public static ServerThreads create(ThreadKind kind, int maxSessions, int maxStartups, int maxJobs) {
        if (kind == ThreadKind.VIRTUAL && !VirtualThreads.available()) {
            throw new IllegalStateException("threads = virtual needs Java " + VirtualThreads.SINCE
                    + " or later; this is Java " + Runtime.version().feature());
        }
        return new ServerThreads(kind, maxSessions, maxStartups, maxJobs);
    }

    /** The kind of thread of sessions, runners and jobs. */
    public ThreadKind kind() {
        return kind;
    }

    /** Writers of commands' standard input into their pipes (see {@code StdinPump}). */
    public ExecutorService stdinWriters() {
        return stdinWriters;
    }

    /** Connections that have not logged in yet, one thread each. */
    public ExecutorService startups() {
        return startups;
    }

    /** One reader per logged-in session. */
    public ExecutorService sessions() {
        return sessions;
    }

    /** Foreground commands: at most one runner per session at a time. */
    public ExecutorService runners() {
        return runners;
    }

    /** Background commands, and closing sessions off the thread that decides it. */
    public ExecutorService jobs() {
        return jobs;
    }

    /** TLS handshakes of refused connections: few threads, a short queue. */
    public ExecutorService refusals() {
        return refusals;
    }

    /** Deadlines and periodic checks; its tasks must not block. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** An unstarted platform thread of its own, e.g. the acceptor (not a daemon). */
    public Thread thread(String name, boolean daemon, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(daemon);
        return t;
    }

    /**
     * Threads busy running session work now (startups, readers, runners, jobs): zero once
     * every session has ended, whatever the pools keep idle for reuse.
     */
    public int busy() {
        return startups.getActiveCount() + sessions.getActiveCount() + runners.getActiveCount()
                + jobs.getActiveCount();
    }

    /**
     * Shuts every executor down and waits for them until {@code deadlineNanos}
     * ({@link System#nanoTime()} based); what is still running then is interrupted.
     *
     * @return true when every executor ended in time
     * @throws InterruptedException when interrupted while waiting; the executors are then
     *                              interrupted too
     */
    public boolean shutdown(long deadlineNanos) throws InterruptedException {
        List<ExecutorService> all = List.of(startups, sessions, runners, jobs, stdinWriters, timers, refusals);
        for (ExecutorService pool : all) {
            pool.shutdown();
        }
        boolean clean = true;
        try {
            for (ExecutorService pool : all) {
                if (!pool.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                    clean = false;
                }
            }
        } catch (InterruptedException e) {
            all.forEach(ExecutorService::shutdownNow);
            throw e;
        }
        return clean;
    }

    /**
     * A bounded pool without a queue. Platform threads wait 30 s for the next task, since
     * making one costs a thread; a virtual thread is cheaper to make than to keep, so each
     * task gets a new one.
     */
    private ThreadPoolExecutor pool(String name, int max) {
        ThreadFactory factory = kind == ThreadKind.VIRTUAL
                ? VirtualThreads.numbered(name + "-").orElseThrow()
                : platform(name, true);
        long keepAlive = kind == ThreadKind.VIRTUAL ? 0 : PLATFORM_KEEP_ALIVE_SECONDS;
        return new ThreadPoolExecutor(0, max, keepAlive, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    private static ThreadFactory platform(String name, boolean daemon) {
        AtomicLong n = new AtomicLong();
        return task -> {
            Thread t = new Thread(task, name + "-" + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }
}
