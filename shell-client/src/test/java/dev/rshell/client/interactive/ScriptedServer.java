package dev.rshell.client.interactive;

import static org.junit.jupiter.api.Assertions.fail;

import dev.rshell.common.protocol.ClientLine;
import dev.rshell.common.protocol.codec.LineReader;
import dev.rshell.common.protocol.codec.LineWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scripted stand-in for rshell-server on 127.0.0.1, port 0, for the interactive shell: one
 * connection at a time; command lines numbered and run one after another on a runner thread,
 * as the real server does; control lines answered at once by the reading thread; and a test
 * thread that can push lines ({@code msg}) at any moment.
 *
 * <pre>
 * echo TEXT    out N TEXT, end N 0           warn TEXT   err N TEXT, end N 1
 * status S     end N S                       cd DIR      cwd DIR, end N 0
 * sleep S      end N 0 after S seconds, or end N 130 at :interrupt N
 * exit [S]     end N S, bye goodbye, close   passwd ...  out N password changed, end N 0
 * CMD &amp;        bg N at once, CMD runs on a thread of its own
 * other        err N fake: no such command, end N 127
 * :ping        ok pong (unless answerPings is off)
 * :complete L  ok + completions.get(L) (default: ok), after completionDelay
 * :interrupt N ok, and N ends with 130, for a running sleep; else no no such running command
 * :quit        in order with commands: running background commands end with 130, bye goodbye
 * :features    as a version 1 server: no unknown control line: :features (recorded in features)
 * </pre>
 *
 * <p>With {@link #version11} on, it greets {@code hello rshell/1.1}, grants {@code input} and
 * {@code partial} to {@code :features}, and takes {@code :stdin} lines (answered with
 * {@code more N WINDOW} at once), {@code :in} and {@code :eof} (recorded in received, in order):
 * <pre>
 * ask TEXT     part N out TEXT+" ", then reads a line L: out N got L, end N 0 (at :eof: out N eof)
 * askerr TEXT  the same with part N err
 * cat          out N L for each line L read, end N 0 at :eof
 * len          out N LENGTH for each line read, end N 0 at :eof
 * (with regrant on, each input line is granted back at once: more N COST, a command that reads)
 * :interrupt N for a running ask or cat: ok, and N ends with 130
 * :in past the window: bye input window exceeded
 * </pre>
 */
final class ScriptedServer implements AutoCloseable {

    static final String PASSWORD = "secret";

    volatile String role = "operator";
    volatile boolean answerPings = true;
    volatile Duration completionDelay = Duration.ZERO;
    /** Speak protocol 1.1: grant input and partial, serve :stdin, :in, :eof. */
    volatile boolean version11;
    /** The window each :stdin command gets, in one more line. */
    volatile long window = 262_144;
    /** Grant back each input line's cost at once, as a command that reads everything. */
    volatile boolean regrant;
    /** {@code :features} lines received, which {@link #received} leaves out. */
    final List<String> features = Collections.synchronizedList(new ArrayList<>());
    /** {@code :complete} line (after the space) to the candidates text. */
    final Map<String, String> completions = new ConcurrentHashMap<>();
    /** Lines received after login, in order. */
    final List<String> received = Collections.synchronizedList(new ArrayList<>());

    private final ServerSocket server;
    private final Thread thread;
    private volatile Socket current;
    private volatile LineWriter out;

    private ScriptedServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::acceptLoop, "fake-interactive-server");
        thread.setDaemon(true);
    }

    static ScriptedServer start() throws IOException {
        ScriptedServer s = new ScriptedServer();
        s.thread.start();
        return s;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Sends a line to the connected client now (a msg, say). */
    void push(String line) throws IOException {
        LineWriter w = out;
        if (w == null) {
            fail("no client connected");
        }
        w.write(line);
        w.flush();
    }

    /** Closes the client's connection without a word. */
    void drop() throws IOException {
        Socket s = current;
        if (s != null) {
            s.close();
        }
    }

    /** Waits until {@code line} was received. */
    void awaitReceived(String line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (received) {
                if (received.contains(line)) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        fail("never received " + line + "; got " + received());
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        drop();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One line for the runner: a command line (number 0 for :quit). */
    private record Item(long number, String text, boolean stdin) {
    }

    /** Marks the end of a command's input; compared by identity. */
    private static final String EOF = new String("<eof>");
    /** Marks an interrupt or the end of the connection; compared by identity. */
    private static final String STOP = new String("<stop>");

    private void acceptLoop() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                current = s;
                new Connection(s).serve();
            } catch (IOException e) {
                // next connection, or closed
            } finally {
                out = null;
            }
        }
    }

    /** One client: the reading thread (this one) and a runner for its command lines. */
    private final class Connection {
        private final Socket socket;
        private final LineWriter writer;
        private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        /** Input of running or queued :stdin commands; {@link #EOF} or {@link #STOP} end it. */
        private final Map<Long, BlockingQueue<String>> inputs = new ConcurrentHashMap<>();
        private final Map<Long, Long> windows = new ConcurrentHashMap<>();
        /** Text of :in- lines not ended by an :in yet. */
        private final Map<Long, StringBuilder> partial = new ConcurrentHashMap<>();
        private long numbered;
        /** Running sleeps: number to the latch that ends them early. */
        private final Map<Long, CountDownLatch> sleeping = new ConcurrentHashMap<>();
        private final List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        private final java.util.Set<Long> running = ConcurrentHashMap.newKeySet();
        private volatile boolean over;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.writer = new LineWriter(socket.getOutputStream());
            out = writer;
        }

        private void send(String... lines) {
            try {
                for (String l : lines) {
                    writer.write(l);
                }
                writer.flush();
            } catch (IOException e) {
                over = true;
            }
        }

        void serve() throws IOException {
            LineReader in = new LineReader(socket.getInputStream(), 1 << 20);
            send((version11 ? "hello rshell/1.1" : "hello rshell/1") + " fake auth=password");
            Thread runner = start(this::runCommands, "fake-runner");
            try {
                read(in);
            } finally {
                over = true;
                queue.add(new Item(0, "", false));
                inputs.values().forEach(q -> q.add(STOP));
                sleeping.values().forEach(CountDownLatch::countDown);
                for (Thread t : List.copyOf(threads)) {
                    try {
                        t.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                runner.isAlive();
            }
        }

        private Thread start(Runnable r, String name) {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            threads.add(t);
            t.start();
            return t;
        }

        private void read(LineReader in) throws IOException {
            boolean loggedIn = false;
            while (!over) {
                LineReader.Line read = in.readLine();
                if (read == null) {
                    return;
                }
                String text = read.text();
                ClientLine kind = ClientLine.classify(text);
                if (!loggedIn) {
                    if (kind instanceof ClientLine.Login login && login.password().equals(PASSWORD)) {
                        loggedIn = true;
                        send("ok logged in as " + login.user() + " (" + role + ")", "cwd /home/" + login.user());
                    } else {
                        send("bye login failed");
                        return;
                    }
                    continue;
                }
                if (kind instanceof ClientLine.Features f) {
                    features.add(text);
                    if (version11) {
                        List<String> granted = new ArrayList<>(f.names());
                        granted.retainAll(List.of("input", "partial"));
                        send(("ok " + String.join(" ", granted)).strip());
                    } else {
                        send("no unknown control line: :features");
                    }
                    continue;
                }
                received.add(text);
                if (version11 && kind instanceof ClientLine.StdinCommand c) {
                    long n = ++numbered;
                    inputs.put(n, new LinkedBlockingQueue<>());
                    windows.put(n, window);
                    send("more " + n + " " + window);
                    queue.add(new Item(n, c.text(), true));
                    continue;
                }
                if (version11 && kind instanceof ClientLine.ToInput toInput) {
                    BlockingQueue<String> input = inputs.get(toInput.command());
                    long left = windows.merge(toInput.command(), -toInput.windowBytes(), Long::sum);
                    if (left < 0) {
                        hangUp("bye input window exceeded");
                        return;
                    }
                    if (input != null) {
                        StringBuilder started = partial.computeIfAbsent(toInput.command(), k -> new StringBuilder());
                        if (toInput instanceof ClientLine.PartialInput p) {
                            started.append(p.text());
                        } else if (toInput instanceof ClientLine.Input i) {
                            input.add(started + i.text());
                            started.setLength(0);
                        } else if (toInput instanceof ClientLine.EndOfInput) {
                            input.add(EOF);
                        }
                    }
                    if (regrant && toInput.windowBytes() > 0) {
                        windows.merge(toInput.command(), toInput.windowBytes(), Long::sum);
                        send("more " + toInput.command() + " " + toInput.windowBytes());
                    }
                    continue;
                }
                if (kind instanceof ClientLine.Ping) {
                    if (answerPings) {
                        send("ok pong");
                    }
                } else if (kind instanceof ClientLine.Complete c) {
                    String answer = completions.getOrDefault(c.line(), "");
                    try {
                        // Answered in order, as the real server does: later lines wait.
                        Thread.sleep(completionDelay.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    send(answer.isEmpty() ? "ok" : "ok " + answer);
                } else if (kind instanceof ClientLine.Interrupt i) {
                    CountDownLatch latch = sleeping.remove(i.command());
                    BlockingQueue<String> input = inputs.get(i.command());
                    if (latch != null) {
                        send("ok");
                        latch.countDown();
                    } else if (input != null && running.contains(i.command())) {
                        send("ok");
                        input.add(STOP);
                    } else {
                        send("no no such running command");
                    }
                } else if (kind instanceof ClientLine.BadControl b) {
                    send("no " + b.reply());
                } else if (kind instanceof ClientLine.Quit) {
                    queue.add(new Item(0, text, false));
                } else if (kind instanceof ClientLine.CommandText) {
                    queue.add(new Item(++numbered, text, false));
                }
            }
        }

        private void runCommands() {
            while (!over) {
                Item item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (over) {
                    return;
                }
                String text = item.text();
                if (text.equals(":quit")) {
                    for (CountDownLatch latch : sleeping.values()) {
                        latch.countDown();
                    }
                    for (Thread t : List.copyOf(threads)) {
                        if (t != Thread.currentThread()) {
                            try {
                                t.join(2000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    }
                    hangUp("bye goodbye");
                    return;
                }
                long n = item.number();
                String line = text.strip();
                if (line.endsWith(" &")) {
                    send("bg " + n);
                    String command = line.substring(0, line.length() - 2).strip();
                    start(() -> run(n, command), "fake-bg-" + n);
                } else {
                    running.add(n);
                    boolean goOn = run(n, line);
                    running.remove(n);
                    inputs.remove(n);
                    if (!goOn) {
                        return;
                    }
                }
            }
        }

        /** Runs one command; false when the connection is to close. */
        private boolean run(long n, String text) {
            String[] parts = text.split(" ", 2);
            String rest = parts.length > 1 ? parts[1] : "";
            switch (parts[0]) {
                case "echo" -> send("out " + n + " " + rest, "end " + n + " 0");
                case "warn" -> send("err " + n + " " + rest, "end " + n + " 1");
                case "status" -> send("end " + n + " " + rest);
                case "cd" -> send("cwd " + rest, "end " + n + " 0");
                case "passwd" -> send("out " + n + " password changed", "end " + n + " 0");
                case "ask", "askerr" -> {
                    send("part " + n + (parts[0].equals("ask") ? " out " : " err ") + rest + " ");
                    String answer = take(n);
                    if (answer == STOP) {
                        send("end " + n + " 130");
                    } else {
                        send("out " + n + (answer == EOF ? " eof" : " got " + answer), "end " + n + " 0");
                    }
                }
                case "len" -> {
                    String read;
                    while ((read = take(n)) != EOF && read != STOP) {
                        send("out " + n + " " + read.length());
                    }
                    send("end " + n + (read == STOP ? " 130" : " 0"));
                }
                case "cat" -> {
                    String read;
                    while ((read = take(n)) != EOF && read != STOP) {
                        send("out " + n + " " + read);
                    }
                    send("end " + n + (read == STOP ? " 130" : " 0"));
                }
                case "sleep" -> {
                    CountDownLatch latch = new CountDownLatch(1);
                    sleeping.put(n, latch);
                    boolean early;
                    try {
                        early = latch.await((long) (Double.parseDouble(rest) * 1000), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        early = true;
                    }
                    sleeping.remove(n);
                    send("end " + n + " " + (early ? 130 : 0));
                }
                case "exit" -> {
                    send("end " + n + " " + (rest.isEmpty() ? "0" : rest));
                    hangUp("bye goodbye");
                    return false;
                }
                default -> send("err " + n + " fake: no such command: " + parts[0], "end " + n + " 127");
            }
            return true;
        }

        /** The next line of N's input, {@link #EOF} at its end; {@link #EOF} at once for a plain command. */
        private String take(long n) {
            BlockingQueue<String> input = inputs.get(n);
            if (input == null) {
                return EOF;
            }
            try {
                return input.take();
            } catch (InterruptedException e) {
                return STOP;
            }
        }

        /** bye, then half-close and let the client hang up, as the real server does. */
        private void hangUp(String bye) {
            send(bye);
            over = true;
            try {
                socket.shutdownOutput();
            } catch (IOException e) {
                // gone
            }
        }
    }
}
